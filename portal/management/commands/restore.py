from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an EMPTY database (no tables, or only migrate "
        "ran) and an EMPTY MEDIA_ROOT, then check every row count and media file against its "
        "manifest. Refuses anything else and changes nothing then."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar archive written by `manage.py backup`.")

    def handle(self, *args, archive: Path, **options):
        try:
            result = backup_restore(archive=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Restored %(path)s") % {"path": result.archive})
        self.stdout.write(result.summary)
