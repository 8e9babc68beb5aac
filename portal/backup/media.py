"""The media side of a backup: listing MEDIA_ROOT, and restoring into it through a staging folder;
or, with MEDIA_STORAGE=s3, listing the media bucket and restoring into it through the storage API."""

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.utils.translation import gettext as _
from storages.backends.s3 import S3Storage

from portal.backup.archive import ArchiveReader
from portal.backup.errors import BackupError
from portal.backup.manifest import MEDIA_PREFIX, FileEntry, Manifest, is_safe_relative_path

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


# --- Media in a bucket (MEDIA_STORAGE=s3) ---------------------------------------------------


def media_bucket() -> S3Storage | None:
    """The media storage when it is a bucket, None when media live in MEDIA_ROOT."""
    storage = storages["default"]
    return storage if isinstance(storage, S3Storage) else None


def bucket_label(storage: S3Storage) -> str:
    return f"s3://{storage.bucket_name}/{storage.location}".rstrip("/")


def bucket_unreadable(storage: S3Storage, exc: Exception) -> BackupError:
    return BackupError(
        _("Could not reach the media bucket %(bucket)s: %(error)s.")
        % {"bucket": bucket_label(storage), "error": exc}
    )


def bucket_files(storage: S3Storage) -> list[str]:
    """The name of every object of the media storage, sorted; a name an archive cannot hold (a
    key the portal never writes, like `a/../b`) is a BackupError rather than a silent gap."""
    prefix = f"{storage.location}/" if storage.location else ""
    try:
        keys = [item.key for item in storage.bucket.objects.filter(Prefix=prefix)]
    except (BotoCoreError, ClientError) as exc:
        raise bucket_unreadable(storage, exc) from exc
    names = []
    for key in sorted(keys):
        name = key[len(prefix) :]
        if name.endswith("/"):
            continue  # a "folder" made by a console: no content
        if not is_safe_relative_path(name):
            raise BackupError(
                _("The media bucket holds %(key)s, a name a backup cannot hold; rename or remove it.")
                % {"key": key}
            )
        names.append(name)
    return names


def open_bucket_file(storage: S3Storage, name: str) -> dict | None:
    """The object's GetObject answer (Body, ContentLength, LastModified); None once deleted."""
    key = f"{storage.location}/{name}" if storage.location else name
    try:
        return storage.bucket.Object(key).get()
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
            return None
        raise bucket_unreadable(storage, exc) from exc
    except BotoCoreError as exc:
        raise bucket_unreadable(storage, exc) from exc


def check_bucket_empty(storage: S3Storage) -> None:
    """BackupError unless the media storage holds no object."""
    files = bucket_files(storage)
    if files:
        raise BackupError(
            _(
                "The media bucket %(bucket)s already holds %(count)s files, e.g. %(example)s. Restore "
                "only into an empty bucket."
            )
            % {"bucket": bucket_label(storage), "count": len(files), "example": files[0]}
        )


class BucketStaging:
    """Media unpacked into a local folder, then written into the bucket through the storage (each
    object with the headers of its type, portal/storage.py) once the database is loaded; `undo`
    deletes what was written."""

    def __init__(self, storage: S3Storage, folder: Path):
        self.storage = storage
        self.folder = folder
        self._placed: list[str] = []

    def __enter__(self) -> "BucketStaging":
        self.folder.mkdir()
        return self

    def __exit__(self, *exc_info) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def extract(self, reader: ArchiveReader, entry: FileEntry) -> None:
        target = self.folder / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        reader.extract(entry, target, member=MEDIA_PREFIX + entry.path)

    def place(self, manifest: Manifest) -> None:
        """Write every staged file into the bucket under its name, then check each one's sha256
        as the bucket gives it back."""
        try:
            for entry in manifest.media:
                if self.storage.exists(entry.path):
                    raise BackupError(
                        _("%(path)s appeared in the media bucket during the restore.") % {"path": entry.path}
                    )
                with open(self.folder / entry.path, "rb") as staged:
                    saved = self.storage.save(entry.path, File(staged))
                self._placed.append(saved)
                if saved != entry.path:
                    raise BackupError(
                        _("The media bucket stored %(path)s as %(saved)s.")
                        % {"path": entry.path, "saved": saved}
                    )
            for entry in manifest.media:
                digest = hashlib.sha256()
                with self.storage.open(entry.path, "rb") as placed:
                    while chunk := placed.read(1024 * 1024):
                        digest.update(chunk)
                if digest.hexdigest() != entry.sha256:
                    raise BackupError(
                        _("The restored media file %(path)s differs from the manifest.")
                        % {"path": entry.path}
                    )
        except (BotoCoreError, ClientError) as exc:
            raise bucket_unreadable(self.storage, exc) from exc

    def undo(self) -> None:
        for name in reversed(self._placed):
            with contextlib.suppress(BotoCoreError, ClientError):
                self.storage.delete(name)
