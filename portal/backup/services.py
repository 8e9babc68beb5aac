"""Backup and restore of the whole portal: the database and every media file, under MEDIA_ROOT or
in the media bucket (MEDIA_STORAGE=s3); an archive of either restores into either."""

import contextlib
import datetime as dt
import os
import platform
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from storages.backends.s3 import S3Storage

from portal.backup import database
from portal.backup.archive import ArchiveReader, ArchiveWriter
from portal.backup.errors import BackupError
from portal.backup.manifest import (
    DATA_NAME,
    DATABASE_NAMES,
    ENGINE_NAMES,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    DatabaseInfo,
    FileEntry,
    Manifest,
)
from portal.backup.media import (
    BucketStaging,
    MediaStaging,
    bucket_files,
    check_bucket_empty,
    check_media_empty,
    media_bucket,
    media_files,
    open_bucket_file,
)
from portal.cache import TOPICS, touch

ARCHIVE_PREFIX = "bcd35-backup-"
ARCHIVE_SUFFIX = ".tar"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest

    @property
    def summary(self) -> str:
        manifest = self.manifest
        return _(
            "%(engine)s %(version)s: %(rows)s rows in %(tables)s tables; media: %(files)s files "
            "(%(media_size)s); archive: %(size)s."
        ) % {
            "engine": ENGINE_NAMES[manifest.database.engine],
            "version": manifest.database.server_version,
            "rows": manifest.total_rows,
            "tables": len(manifest.rows),
            "files": len(manifest.media),
            "media_size": filesizeformat(manifest.media_bytes),
            "size": filesizeformat(self.size),
        }


@dataclass(frozen=True)
class RestoreResult:
    archive: Path
    manifest: Manifest
    native: bool

    @property
    def summary(self) -> str:
        manifest = self.manifest
        if self.native:
            tool = "pg_restore" if manifest.database.engine == "postgresql" else manifest.database.tool
            method = _("native restore (%(tool)s)") % {"tool": tool}
        else:
            method = _("portable copy (migrate and loaddata)")
        return _(
            "Made %(created)s from %(engine)s, restored by %(method)s: %(rows)s rows in %(tables)s tables "
            "and %(files)s media files (%(media_size)s), all equal to the manifest."
        ) % {
            "created": timezone.localtime(manifest.created_at).strftime("%d/%m/%Y %H:%M"),
            "engine": ENGINE_NAMES[manifest.database.engine],
            "method": method,
            "rows": manifest.total_rows,
            "tables": len(manifest.rows),
            "files": len(manifest.media),
            "media_size": filesizeformat(manifest.media_bytes),
        }


# --- backup -------------------------------------------------------------------------------


def backup_create(*, output_dir: Path) -> BackupResult:
    """Write one archive of the database and MEDIA_ROOT into `output_dir`.

    The counts, the portable copy and the native dump come from one transaction, so they agree
    while the site runs; media are read afterwards, so a file uploaded meanwhile is extra, never
    missing. The archive is written under a hidden temporary name and renamed once complete: a
    failure (pg_dump missing, disk full…) raises BackupError and leaves nothing behind.
    """
    engine = database.vendor()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    output_dir = Path(output_dir).resolve()
    if output_dir.is_relative_to(media_root):
        raise BackupError(
            _(
                "The output folder %(folder)s is inside MEDIA_ROOT, which may be served to the public; "
                "choose another folder."
            )
            % {"folder": output_dir}
        )
    pg_dump = database.pg_tool("pg_dump") if engine == "postgresql" else None
    database.check_reachable()
    if pg_dump is not None:
        database.check_pg_dump(pg_dump)
    if connection.in_atomic_block:
        raise transaction.TransactionManagementError("backup_create needs a transaction of its own.")

    created_at = timezone.localtime(timezone.now())
    final = partial = None
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        final = _archive_path(output_dir, created_at)
        partial = output_dir / f".{final.name}.partial"
        with tempfile.TemporaryDirectory(prefix=".bcd35-backup-", dir=output_dir) as work:
            try:
                snapshot = database.snapshot(Path(work), pg_dump)
            except DatabaseError as exc:
                raise database.unreadable(exc) from exc
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(descriptor, "wb") as raw:
                writer = ArchiveWriter(raw)
                database_file = writer.add_file(DATABASE_NAMES[engine], snapshot.database_path)
                data_file = writer.add_file(DATA_NAME, snapshot.data_path)
                media = _add_media(writer, media_root)
                manifest = _manifest(snapshot, created_at, database_file, data_file, media)
                writer.add_bytes(MANIFEST_NAME, manifest.to_json())
                writer.close()
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, final)
    except OSError as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise BackupError(
            _("Could not write the backup into %(folder)s: %(error)s. No archive was left behind.")
            % {"folder": output_dir, "error": exc.strerror or exc}
        ) from exc
    except BaseException:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise
    return BackupResult(path=final, size=final.stat().st_size, manifest=manifest)


def _archive_path(folder: Path, created_at: dt.datetime) -> Path:
    # A machine stamp, sortable and safe in file names, not a date for people to read.
    stamp = timezone.localtime(created_at).strftime("%Y-%m-%dT%H%M%S")
    path = folder / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{ARCHIVE_PREFIX}{stamp}-{number}{ARCHIVE_SUFFIX}"
    return path


def _add_media(writer: ArchiveWriter, media_root: Path) -> list[FileEntry]:
    """Every regular file under MEDIA_ROOT, or every object of the media bucket, in a stable order;
    links are not followed."""
    if (bucket := media_bucket()) is not None:
        return _add_bucket_media(writer, bucket)
    entries = []
    for path in media_files(media_root):
        relative = path.relative_to(media_root).as_posix()
        try:
            entry = writer.add_file(MEDIA_PREFIX + relative, path)
        except FileNotFoundError:
            continue  # deleted since the folder was listed: the database no longer needs it
        entries.append(FileEntry(path=relative, size=entry.size, sha256=entry.sha256))
    return entries


def _add_bucket_media(writer: ArchiveWriter, bucket: S3Storage) -> list[FileEntry]:
    entries = []
    for name in bucket_files(bucket):
        answer = open_bucket_file(bucket, name)
        if answer is None:
            continue  # deleted since the bucket was listed: the database no longer needs it
        with answer["Body"] as body:
            entry = writer.add_stream(
                MEDIA_PREFIX + name, body, answer["ContentLength"], int(answer["LastModified"].timestamp())
            )
        entries.append(FileEntry(path=name, size=entry.size, sha256=entry.sha256))
    return entries


def _manifest(
    snapshot: database.Snapshot,
    created_at: dt.datetime,
    database_file: FileEntry,
    data_file: FileEntry,
    media: list[FileEntry],
) -> Manifest:
    return Manifest(
        created_at=created_at,
        portal_version=portal_version(),
        django_version=django.get_version(),
        python_version=platform.python_version(),
        database=DatabaseInfo(
            engine=snapshot.engine,
            server_version=snapshot.server_version,
            tool=snapshot.tool,
            tool_version=snapshot.tool_version,
            file=database_file,
        ),
        data=data_file,
        data_excludes=database.EXCLUDED,
        migrations=snapshot.migrations,
        rows=snapshot.rows,
        media=tuple(media),
    )


def portal_version() -> str:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as pyproject:
        return tomllib.load(pyproject)["project"]["version"]


# --- restore ------------------------------------------------------------------------------


def backup_restore(*, archive: Path) -> RestoreResult:
    """Bring an archive back into an empty database and an empty MEDIA_ROOT, then check it.

    Empty: the database has no table at all, or no row in any model the archive carries (only
    `migrate` ran); MEDIA_ROOT is missing or holds no file. A database with no table and of the
    archive's engine gets the native dump; any other gets the portable copy (migrate to the
    archive's migrations, loaddata, sequences reset). Everything is checked before anything is
    written: the archive (ours, not newer, only plain relative names, every member's size and
    sha256), both targets and the migrations. Afterwards row counts and media files are checked
    against the manifest; a failure undoes the load (one transaction), removes the media files
    written and drops the tables of a database that had none.
    """
    archive = Path(archive)
    engine = database.vendor()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    with contextlib.ExitStack() as stack:
        try:
            reader = stack.enter_context(ArchiveReader(archive))
            manifest = reader.manifest
            _check_migrations_known(manifest)
            database.check_reachable()
            try:
                tables_before = database.table_names()
            except DatabaseError as exc:
                raise database.unreadable(exc) from exc
            _check_database_empty(tables_before)
            bucket = media_bucket()
            if bucket is not None:
                check_bucket_empty(bucket)
            else:
                check_media_empty(media_root)
            native = not tables_before and manifest.database.engine == engine
            pg_restore = None
            if native and engine == "postgresql":
                pg_restore = database.pg_tool("pg_restore")
                database.check_pg_restore(pg_restore, manifest.database.tool_version)
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bcd35-restore-")))
            staging: MediaStaging | BucketStaging = (
                BucketStaging(bucket, work / "media") if bucket is not None else MediaStaging(media_root)
            )
            stack.enter_context(staging)
            database_path = work / Path(manifest.database.file.path).name
            data_path = work / Path(DATA_NAME).name
            _unpack(reader, archive, database_path, data_path, staging)
        except BackupError as exc:
            unchanged = _("Nothing was changed.")
            raise BackupError(f"{exc} {unchanged}") from exc
        if connection.in_atomic_block:
            raise transaction.TransactionManagementError("backup_restore needs transactions of its own.")

        try:
            if native:
                database.restore_native(database_path, pg_restore)
                _check_rows(manifest)
                staging.place(manifest)
            else:
                _migrate_or_fail(manifest.migrations)
                with transaction.atomic():
                    _load_or_fail(data_path)
                    _check_rows(manifest)
                    staging.place(manifest)
        except BaseException as exc:
            staging.undo()
            if not tables_before:
                database.drop_tables(database.table_names())
            if isinstance(exc, BackupError):
                undone = _("The restore was undone: no portal data and no media file were left.")
                raise BackupError(f"{exc} {undone}") from exc
            raise
    _migrate_to_this_version()
    # Whatever the cache held was of another database: every page is rebuilt.
    touch(*TOPICS)
    return RestoreResult(archive=archive, manifest=manifest, native=native)


def _unpack(
    reader: ArchiveReader,
    archive: Path,
    database_path: Path,
    data_path: Path,
    staging: MediaStaging | BucketStaging,
) -> None:
    """Every member copied out of the archive and checked against its sha256, before any change."""
    manifest = reader.manifest
    try:
        reader.extract(manifest.database.file, database_path)
        reader.extract(manifest.data, data_path)
        for entry in manifest.media:
            staging.extract(reader, entry)
    except OSError as exc:
        raise BackupError(
            _("Could not unpack %(archive)s: %(error)s.") % {"archive": archive, "error": exc.strerror or exc}
        ) from exc


def _check_migrations_known(manifest: Manifest) -> None:
    unknown = database.unknown_migrations(manifest.migrations)
    if unknown:
        raise BackupError(
            _(
                "The archive was made with migration %(migration)s, which this version of the portal "
                "does not have. Restore it with the version that made it (%(version)s) or a newer one."
            )
            % {"migration": unknown[0], "version": manifest.portal_version}
        )


def _check_database_empty(tables: list[str]) -> None:
    if not tables:
        return
    holding = database.content_rows()
    if holding:
        listed = ", ".join(f"{label}: {count}" for label, count in sorted(holding.items())[:5])
        raise BackupError(
            _(
                "The database already holds portal data (%(tables)s). Restore only into an empty "
                "database: a new one, or one where only migrate has run."
            )
            % {"tables": listed + (", …" if len(holding) > 5 else "")}
        )


def _migrate_or_fail(heads: dict[str, list[str]]) -> None:
    try:
        database.migrate(heads)
    except Exception as exc:  # any failure of a migration is reported, never a traceback
        raise BackupError(
            _("Migrating the empty database to the archive's migrations failed: %(error)s")
            % {"error": _first_line(exc)}
        ) from exc


def _load_or_fail(data_path: Path) -> None:
    try:
        database.load_portable(data_path)
    except Exception as exc:  # a value the engine refuses, a broken reference…: one clear message
        raise BackupError(
            _("The portable copy could not be loaded into this database: %(error)s.")
            % {"error": _first_line(exc)}
        ) from exc


def _check_rows(manifest: Manifest) -> None:
    expected = {label: entry.table for label, entry in manifest.rows.items()}
    found = database.count_rows(expected)
    differences = [
        f"{label}: {found[label]} ≠ {entry.rows}"
        for label, entry in sorted(manifest.rows.items())
        if found[label] != entry.rows
    ]
    if differences:
        raise BackupError(
            _("The restored rows differ from the manifest (%(differences)s).")
            % {"differences": ", ".join(differences[:5])}
        )


def _migrate_to_this_version() -> None:
    try:
        database.migrate()
    except Exception as exc:  # the data is restored and checked; only the upgrade is left to do
        raise BackupError(
            _(
                "The archive was restored and checked, but migrating it to this version of the portal "
                "failed: %(error)s. Fix the cause, then run manage.py migrate."
            )
            % {"error": _first_line(exc)}
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if text.startswith("Problem installing fixture"):
        text = text.split("': ", 1)[-1]
    return text.splitlines()[0]
