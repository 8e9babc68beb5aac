"""What an archive holds and the manifest that describes it (format version 1).

An archive is an uncompressed tar (PAX) with these members; the manifest comes last, so an
archive cut short is recognised by its missing manifest:

- `database/postgresql.dump`: `pg_dump -Fc` (already compressed), or
  `database/sqlite3.db.gz`: the SQLite file copied by `sqlite3.Connection.backup`, gzipped;
- `data/portal.json.gz`: the portable copy (`dumpdata --natural-foreign --all`), gzipped;
- `media/<path>`: every file under MEDIA_ROOT, as stored;
- `manifest.json`: versions, migration heads, row counts per model and every member's size
  and sha256.
"""

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from portal.backup.errors import BackupError

ARCHIVE_FORMAT = "bcd35-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data/portal.json.gz"
DATABASE_NAMES = {
    "postgresql": "database/postgresql.dump",
    "sqlite": "database/sqlite3.db.gz",
}
MEDIA_PREFIX = "media/"
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


@dataclass(frozen=True)
class FileEntry:
    """A member of the archive: its path (inside the archive, or under MEDIA_ROOT for media)."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DatabaseInfo:
    engine: str  # "postgresql" | "sqlite"
    server_version: str
    tool: str  # "pg_dump" | "sqlite3.Connection.backup"
    tool_version: str
    file: FileEntry


@dataclass(frozen=True)
class TableRows:
    table: str
    rows: int


@dataclass(frozen=True)
class Manifest:
    created_at: dt.datetime
    portal_version: str
    django_version: str
    python_version: str
    database: DatabaseInfo
    data: FileEntry
    data_excludes: tuple[str, ...]
    migrations: dict[str, list[str]]  # app label -> names of its applied leaf migrations
    rows: dict[str, TableRows]  # model label -> table and row count, for every model in `data`
    media: tuple[FileEntry, ...]
    format_version: int = FORMAT_VERSION

    @property
    def total_rows(self) -> int:
        return sum(entry.rows for entry in self.rows.values())

    @property
    def media_bytes(self) -> int:
        return sum(entry.size for entry in self.media)

    def to_json(self) -> bytes:
        document = {
            "format": ARCHIVE_FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at.isoformat(),
            "portal_version": self.portal_version,
            "django_version": self.django_version,
            "python_version": self.python_version,
            "database": asdict(self.database),
            "data": {**asdict(self.data), "excludes": list(self.data_excludes)},
            "migrations": self.migrations,
            "rows": {label: asdict(entry) for label, entry in self.rows.items()},
            "media": [asdict(entry) for entry in self.media],
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, *, archive: str) -> "Manifest":
        """Parse and check a manifest; BackupError when it is not ours, newer than us or damaged."""
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            document = None
        if not isinstance(document, dict) or document.get("format") != ARCHIVE_FORMAT:
            raise BackupError(
                _("%(archive)s is not a backup archive of this portal: its manifest.json is not ours.")
                % {"archive": archive}
            )
        version = document.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise _damaged(archive, "format_version")
        if version > FORMAT_VERSION:
            raise BackupError(
                _(
                    "%(archive)s was made by a newer version of the portal (archive format %(version)s; "
                    "this version reads format %(supported)s at most). Restore it with a newer version."
                )
                % {"archive": archive, "version": version, "supported": FORMAT_VERSION}
            )
        try:
            return cls._parse(document, version)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _damaged(archive, str(exc).strip("'\"") or type(exc).__name__) from None

    @classmethod
    def _parse(cls, document: dict, version: int) -> "Manifest":
        created_at = dt.datetime.fromisoformat(_text(document["created_at"]))
        if created_at.tzinfo is None:
            raise ValueError("created_at")
        database = document["database"]
        engine = _text(database["engine"])
        if engine not in DATABASE_NAMES:
            raise ValueError("database.engine")
        database_file = _entry(database["file"])
        if database_file.path != DATABASE_NAMES[engine]:
            raise ValueError("database.file")
        data = document["data"]
        data_file = _entry(data)
        if data_file.path != DATA_NAME:
            raise ValueError("data.path")
        migrations = {
            _text(app): [_text(name) for name in names] for app, names in document["migrations"].items()
        }
        rows = {
            _text(label): TableRows(table=_text(entry["table"]), rows=_count(entry["rows"]))
            for label, entry in document["rows"].items()
        }
        media = tuple(_entry(item) for item in document["media"])
        for item in media:
            if not is_safe_relative_path(item.path):
                raise ValueError(f"media path {item.path!r}")
        if len({item.path for item in media}) != len(media):
            raise ValueError("media paths repeat")
        return cls(
            format_version=version,
            created_at=created_at,
            portal_version=_text(document["portal_version"]),
            django_version=_text(document["django_version"]),
            python_version=_text(document["python_version"]),
            database=DatabaseInfo(
                engine=engine,
                server_version=_text(database["server_version"]),
                tool=_text(database["tool"]),
                tool_version=_text(database["tool_version"]),
                file=database_file,
            ),
            data=data_file,
            data_excludes=tuple(_text(label) for label in data["excludes"]),
            migrations=migrations,
            rows=rows,
            media=media,
        )


def is_safe_relative_path(path: str) -> bool:
    """A plain relative POSIX path: no absolute root, no `..`, `.` or empty part, no backslash or NUL."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return False
    parts = path.split("/")
    return all(part not in {"", ".", ".."} for part in parts) and str(PurePosixPath(path)) == path


def _damaged(archive: str, detail: str) -> BackupError:
    return BackupError(
        _("The manifest of %(archive)s is damaged (%(detail)s).") % {"archive": archive, "detail": detail}
    )


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _count(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"expected a count, got {value!r}")
    return value


def _entry(value: dict) -> FileEntry:
    sha256 = _text(value["sha256"])
    if len(sha256) != 64 or any(char not in "0123456789abcdef" for char in sha256):
        raise ValueError(f"sha256 {sha256!r}")
    return FileEntry(path=_text(value["path"]), size=_count(value["size"]), sha256=sha256)
