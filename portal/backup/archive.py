"""Writing and reading the tar archive, with a sha256 of every member taken as it passes.

Reading never uses tarfile's extraction: every member is checked first (a regular file with a
plain relative name, listed in the manifest, never twice) and then copied by us to a path we
build, so no name, link or device in a foreign archive can write outside the folder given.
"""

import hashlib
import io
import os
import tarfile
import time
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from portal.backup.errors import BackupError
from portal.backup.manifest import (
    DATA_NAME,
    DATABASE_NAMES,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    FileEntry,
    Manifest,
    is_safe_relative_path,
)

CHUNK = 1024 * 1024
MANIFEST_MAX_SIZE = 64 * 1024 * 1024


class _HashingReader:
    """A file wrapper that hashes and counts what tarfile reads through it."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        # tarfile takes a short read for the end of the data; a network stream may return less
        # than asked before its end.
        while 0 < len(data) < size and (more := self.raw.read(size - len(data))):
            data += more
        self.sha256.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Appends members to an uncompressed PAX tar written to `fileobj`."""

    def __init__(self, fileobj: BinaryIO):
        self._tar = tarfile.open(fileobj=fileobj, mode="w", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def add_file(self, name: str, path: Path) -> FileEntry:
        """Add the file at `path` as `name`; FileNotFoundError when it vanished before it was opened."""
        with open(path, "rb") as raw:
            stat = os.fstat(raw.fileno())
            info = self._info(name, stat.st_size, int(stat.st_mtime))
            reader = _HashingReader(raw)
            self._tar.addfile(info, reader)
        return FileEntry(path=name, size=reader.size, sha256=reader.sha256.hexdigest())

    def add_stream(self, name: str, raw: BinaryIO, size: int, mtime: int) -> FileEntry:
        """Add `size` bytes read from `raw` (an object of the media bucket) as `name`; OSError when
        the stream ends early."""
        reader = _HashingReader(raw)
        self._tar.addfile(self._info(name, size, mtime), reader)
        return FileEntry(path=name, size=reader.size, sha256=reader.sha256.hexdigest())

    def add_bytes(self, name: str, data: bytes) -> None:
        self._tar.addfile(self._info(name, len(data), None), io.BytesIO(data))

    def close(self) -> None:
        self._tar.close()

    @staticmethod
    def _info(name: str, size: int, mtime: int | None) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = mtime if mtime is not None else int(time.time())
        info.mode = 0o600
        info.uname = info.gname = ""
        return info


class ArchiveReader:
    """An archive opened for restore: members checked, manifest parsed and matched to the members."""

    def __init__(self, path: Path):
        self.path = path
        self.label = str(path)
        try:
            self._tar = tarfile.open(path, mode="r:")  # noqa: SIM115
        except FileNotFoundError:
            raise BackupError(_("%(archive)s does not exist.") % {"archive": self.label}) from None
        except IsADirectoryError:
            raise BackupError(
                _("%(archive)s is a folder, not an archive.") % {"archive": self.label}
            ) from None
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise self._unreadable(exc) from None
        try:
            self._members = self._check_members()
            self.manifest = self._read_manifest()
            self._match_manifest()
        except BaseException:
            self._tar.close()
            raise

    def __enter__(self) -> "ArchiveReader":
        return self

    def __exit__(self, *exc_info) -> None:
        self._tar.close()

    def extract(self, entry: FileEntry, destination: Path, *, member: str | None = None) -> None:
        """Copy one member to `destination` (which must not exist) and check its size and sha256."""
        name = member or entry.path
        sha256 = hashlib.sha256()
        size = 0
        try:
            source = self._tar.extractfile(self._members[name])
            if source is None:  # pragma: no cover - members are checked to be regular files
                raise tarfile.ReadError(name)
            with source, open(destination, "xb") as target:
                while chunk := source.read(CHUNK):
                    sha256.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
        except (tarfile.TarError, EOFError) as exc:
            raise self._unreadable(exc) from None
        if size != entry.size or sha256.hexdigest() != entry.sha256:
            raise BackupError(
                _("%(member)s in %(archive)s is damaged: its size or sha256 differs from the manifest.")
                % {"member": name, "archive": self.label}
            )

    # --- checks ----------------------------------------------------------------------

    def _check_members(self) -> dict[str, tarfile.TarInfo]:
        try:
            members = self._tar.getmembers()
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise self._unreadable(exc) from None
        allowed = {MANIFEST_NAME, DATA_NAME, *DATABASE_NAMES.values()}
        found: dict[str, tarfile.TarInfo] = {}
        for member in members:
            name = member.name
            is_media = name.startswith(MEDIA_PREFIX)
            safe = is_safe_relative_path(name) and (name in allowed or is_media)
            if member.isdir() and safe and is_media:
                continue
            if not member.isreg() or not safe:
                raise BackupError(
                    _(
                        "%(archive)s is refused: its member %(member)s is not a regular file with a "
                        "plain relative name (a link, a device, an absolute path or a path with '..')."
                    )
                    % {"archive": self.label, "member": name}
                )
            if name in found:
                raise BackupError(
                    _("%(archive)s is refused: it holds %(member)s twice.")
                    % {"archive": self.label, "member": name}
                )
            found[name] = member
        return found

    def _read_manifest(self) -> Manifest:
        member = self._members.get(MANIFEST_NAME)
        if member is None:
            raise BackupError(
                _(
                    "%(archive)s is not a backup archive of this portal, or it is incomplete: "
                    "it has no manifest.json."
                )
                % {"archive": self.label}
            )
        if member.size > MANIFEST_MAX_SIZE:
            raise BackupError(
                _("%(archive)s is not a backup archive of this portal: its manifest.json is not ours.")
                % {"archive": self.label}
            )
        try:
            source = self._tar.extractfile(member)
            raw = source.read() if source else b""
        except (tarfile.TarError, EOFError) as exc:
            raise self._unreadable(exc) from None
        return Manifest.from_json(raw, archive=self.label)

    def _match_manifest(self) -> None:
        manifest = self.manifest
        listed = {
            manifest.database.file.path,
            manifest.data.path,
            *(MEDIA_PREFIX + entry.path for entry in manifest.media),
        }
        present = set(self._members) - {MANIFEST_NAME}
        if missing := sorted(listed - present):
            raise BackupError(
                _("%(archive)s is incomplete: %(member)s is listed in its manifest but missing.")
                % {"archive": self.label, "member": missing[0]}
            )
        if unlisted := sorted(present - listed):
            raise BackupError(
                _("%(archive)s is refused: it holds %(member)s, which its manifest does not list.")
                % {"archive": self.label, "member": unlisted[0]}
            )

    def _unreadable(self, exc: BaseException) -> BackupError:
        return BackupError(
            _("%(archive)s is not a backup archive of this portal, or it is damaged (%(error)s).")
            % {"archive": self.label, "error": str(exc) or type(exc).__name__}
        )
