"""The media side of a backup: listing MEDIA_ROOT, and restoring into it through a staging folder."""

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from portal.backup.archive import ArchiveReader
from portal.backup.errors import BackupError
from portal.backup.manifest import MEDIA_PREFIX, FileEntry, Manifest

STAGING_PREFIX = ".bcd35-restore-"


def media_files(media_root: Path) -> list[Path]:
    """Every regular file under MEDIA_ROOT, in a stable order; links are not followed and the
    staging folder of a restore is not media."""
    if not media_root.is_dir():
        return []
    found = []
    for folder, subfolders, files in os.walk(media_root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(STAGING_PREFIX))
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def check_media_empty(media_root: Path) -> None:
    """BackupError unless MEDIA_ROOT is missing or holds folders only."""
    if not media_root.exists():
        return
    files = [path for path in media_root.rglob("*") if not path.is_dir() or path.is_symlink()]
    if files:
        raise BackupError(
            _(
                "MEDIA_ROOT (%(folder)s) already holds %(count)s files, e.g. %(example)s. Restore only "
                "into an empty media folder."
            )
            % {"folder": media_root, "count": len(files), "example": files[0].relative_to(media_root)}
        )


class MediaStaging:
    """Media unpacked into a hidden folder inside MEDIA_ROOT (the same file system), then renamed
    into place once the database is loaded; `undo` removes what was placed."""

    def __init__(self, root: Path):
        self.root = root
        self._root_created = False
        self._placed: list[Path] = []
        self._folders: list[Path] = []

    def __enter__(self) -> "MediaStaging":
        self._root_created = not self.root.exists()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
        except OSError as exc:
            raise BackupError(
                _("Could not write into MEDIA_ROOT (%(folder)s): %(error)s.")
                % {"folder": self.root, "error": exc.strerror or exc}
            ) from exc
        return self

    def __exit__(self, *exc_info) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._root_created and exc_info[0] is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def extract(self, reader: ArchiveReader, entry: FileEntry) -> None:
        target = self._inside(self.folder, entry.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        reader.extract(entry, target, member=MEDIA_PREFIX + entry.path)

    def place(self, manifest: Manifest) -> None:
        """Rename every staged file into MEDIA_ROOT, then check each one's sha256 where it lies."""
        for entry in manifest.media:
            target = self._inside(self.root, entry.path)
            self._make_folders(target.parent)
            if os.path.lexists(target):
                raise BackupError(
                    _("%(path)s appeared in MEDIA_ROOT during the restore.") % {"path": entry.path}
                )
            os.rename(self.folder / entry.path, target)
            self._placed.append(target)
            if settings.FILE_UPLOAD_PERMISSIONS:
                os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS)
        for entry in manifest.media:
            digest = hashlib.sha256()
            with open(self.root / entry.path, "rb") as placed:
                while chunk := placed.read(1024 * 1024):
                    digest.update(chunk)
            if digest.hexdigest() != entry.sha256:
                raise BackupError(
                    _("The restored media file %(path)s differs from the manifest.") % {"path": entry.path}
                )

    def undo(self) -> None:
        for path in reversed(self._placed):
            path.unlink(missing_ok=True)
        for folder in reversed(self._folders):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def _make_folders(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            self._folders.append(path)
            if settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS:
                os.chmod(path, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS)

    @staticmethod
    def _inside(base: Path, relative: str) -> Path:
        target = base / relative
        if not target.resolve().is_relative_to(base.resolve()):
            raise BackupError(
                _("The archive's media path %(path)s leads outside MEDIA_ROOT; it is refused.")
                % {"path": relative}
            )
        return target
