from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (bcd35-backup-<date>.tar) with the database (its native dump and a portable "
        "copy), every file under MEDIA_ROOT and a manifest of sizes, sha256 and row counts. It holds "
        "personal data: store it encrypted, off the server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            help="Folder to write the archive into (created if missing; default: ./backups).",
        )

    def handle(self, *args, output: Path, **options):
        try:
            result = backup_create(output_dir=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Backup written to %(path)s") % {"path": result.path})
        self.stdout.write(result.summary)
