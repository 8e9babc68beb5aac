"""The database side of a backup: which rows it carries, their counts, the migration heads, and
each engine's native dump and restore (pg_dump/pg_restore; sqlite3's online backup).

The portable copy is `dumpdata` of every model except what `migrate` recreates (content types,
permissions) and sessions (short-lived, tied to the secret key): those are referred to by
natural key (content types by app and model, permissions by codename), so the copy loads into a
database whose content types have other ids, on either engine. Primary keys are kept, so every
link, admin URL and admin log entry stays valid.
"""

import gzip
import io
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, router, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model
from django.utils.translation import gettext as _

from portal.backup.errors import BackupError
from portal.backup.manifest import TableRows

# What `dumpdata --exclude` leaves out, and the models that are therefore neither counted nor
# checked: migrate recreates the first two, sessions only hold logins.
EXCLUDED = ("contenttypes", "auth.permission", "sessions")
EXCLUDED_MODELS = frozenset({"contenttypes.ContentType", "auth.Permission", "sessions.Session"})
# Rows that migrate itself makes (groups and their permissions, by data migrations): not
# counted as portal data held by a database to restore into, and replaced by the archive's.
SEEDED_BY_MIGRATIONS = frozenset({"auth.Group", "auth.Group_permissions"})
SQLITE_TOOL = "sqlite3.Connection.backup"


@dataclass(frozen=True)
class Tool:
    """A PostgreSQL client program found on PATH."""

    name: str
    path: str
    version: str

    @property
    def major(self) -> int:
        return major_version(self.version)


@dataclass(frozen=True)
class Snapshot:
    """The database read in one transaction: native dump, portable copy, counts and heads."""

    engine: str
    server_version: str
    tool: str
    tool_version: str
    database_path: Path
    data_path: Path
    rows: dict[str, TableRows]
    migrations: dict[str, list[str]]


def vendor() -> str:
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(
            _("The database engine %(engine)s is not supported; only PostgreSQL and SQLite are.")
            % {"engine": connection.vendor}
        )
    return connection.vendor


def check_reachable() -> None:
    """Connect once outside the pool, so a wrong DATABASE_URL fails at once with the server's own
    reason instead of after the pool's wait."""
    if vendor() != "postgresql":
        return
    import psycopg

    params = {"connect_timeout": 10, **connection.get_connection_params()}
    try:
        psycopg.connect(**params).close()
    except psycopg.Error as exc:
        raise unreadable(exc) from None


def unreadable(exc: Exception) -> BackupError:
    """The database cannot be reached or read (wrong DATABASE_URL, server down, no such database)."""
    reason = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return BackupError(_("Could not read the database: %(error)s") % {"error": reason or type(exc).__name__})


def server_version() -> str:
    if vendor() == "postgresql":
        connection.ensure_connection()
        number = connection.pg_version
        return f"{number // 10000}.{number % 10000}"
    return sqlite3.sqlite_version


def major_version(version: str) -> int:
    match = re.match(r"\d+", version)
    return int(match.group()) if match else 0


def portable_models() -> list[type[Model]]:
    """Every model with a table of its own that the portable copy carries, M2M tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and model._meta.managed
        and model._meta.label not in EXCLUDED_MODELS
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]


def table_names() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def count_rows(tables: dict[str, str]) -> dict[str, int | None]:
    """Rows of each table (label -> table name) by plain SQL, whatever the models look like now;
    None for a table that does not exist."""
    existing = set(table_names())
    counts: dict[str, int | None] = {}
    with connection.cursor() as cursor:
        for label, table in tables.items():
            if table not in existing:
                counts[label] = None
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[label] = cursor.fetchone()[0]
    return counts


def row_counts() -> dict[str, TableRows]:
    tables = {model._meta.label: model._meta.db_table for model in portable_models()}
    counts = count_rows(tables)
    return {label: TableRows(table=tables[label], rows=counts[label] or 0) for label in tables}


def content_rows() -> dict[str, int]:
    """Models the portable copy carries that hold rows here: an empty database has none.

    The groups (with their permissions) do not count: data migrations make the editorial
    groups (portal/news), so a database where only migrate has run holds them. The archive
    carries the groups of its site; `load_portable` replaces these with them."""
    tables = {
        model._meta.label: model._meta.db_table
        for model in portable_models()
        if model._meta.label not in SEEDED_BY_MIGRATIONS
    }
    return {label: count for label, count in count_rows(tables).items() if count}


# --- migrations ---------------------------------------------------------------------------


def migration_heads() -> dict[str, list[str]]:
    """For each app, its applied migrations that no other applied migration of it depends on."""
    loader = MigrationLoader(connection)
    applied = set(loader.applied_migrations)
    heads: dict[str, list[str]] = {}
    for app_label in sorted({app for app, _name in applied}):
        nodes = {node for node in applied if node[0] == app_label}
        ancestors: set[tuple[str, str]] = set()
        for node in nodes:
            if node in loader.graph.nodes:
                ancestors.update(set(loader.graph.forwards_plan(node)) - {node})
        heads[app_label] = sorted(name for _app, name in nodes - ancestors)
    return heads


def unknown_migrations(heads: dict[str, list[str]]) -> list[str]:
    """The heads this code has no migration file for (the archive comes from a newer version)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [
        f"{app}.{name}"
        for app, names in heads.items()
        for name in names
        if (app, name) not in loader.disk_migrations
    ]


def migrate(heads: dict[str, list[str]] | None = None) -> None:
    """Migrate to `heads` (the schema an archive was made with), or to this code's latest when None."""
    quiet = {"interactive": False, "verbosity": 0, "stdout": io.StringIO()}
    if heads is None or heads == _code_heads():
        call_command("migrate", **quiet)
        return
    for app_label, names in heads.items():
        for name in names:
            call_command("migrate", app_label, name, **quiet)


def _code_heads() -> dict[str, list[str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    heads: dict[str, list[str]] = {}
    for app_label, name in loader.graph.leaf_nodes():
        heads.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(heads.items())}


# --- backup -------------------------------------------------------------------------------


def snapshot(work: Path, pg_dump: Tool | None) -> Snapshot:
    """Counts, migration heads, the portable copy and the native dump, all from one transaction.

    PostgreSQL: a REPEATABLE READ transaction exports its snapshot and pg_dump imports it, so
    pg_dump sees exactly what dumpdata saw. SQLite: one read transaction on the site's
    connection, which the online backup reads through.
    """
    engine = vendor()
    data_path = work / "portal.json.gz"
    with transaction.atomic():
        snapshot_id = ""
        if engine == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
        rows = row_counts()
        heads = migration_heads()
        call_command(
            "dumpdata",
            exclude=list(EXCLUDED),
            use_natural_foreign_keys=True,
            use_base_manager=True,
            output=str(data_path),
            verbosity=0,
        )
        if engine == "postgresql":
            assert pg_dump is not None  # noqa: S101 - the caller found it before starting
            database_path = work / "postgresql.dump"
            _pg_dump(pg_dump, database_path, snapshot_id)
            tool, tool_version = pg_dump.name, pg_dump.version
        else:
            database_path = work / "sqlite3.db.gz"
            _sqlite_backup(work / "sqlite3.db", database_path)
            tool, tool_version = SQLITE_TOOL, sqlite3.sqlite_version
    return Snapshot(
        engine=engine,
        server_version=server_version(),
        tool=tool,
        tool_version=tool_version,
        database_path=database_path,
        data_path=data_path,
        rows=rows,
        migrations=heads,
    )


def _sqlite_backup(copy: Path, compressed: Path) -> None:
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    with open(copy, "rb") as source, gzip.open(compressed, "wb", compresslevel=6) as target_file:
        shutil.copyfileobj(source, target_file, 1024 * 1024)
    copy.unlink()


# --- PostgreSQL client programs -------------------------------------------------------------


def pg_tool(name: str) -> Tool:
    """pg_dump or pg_restore from PATH with its version; BackupError naming the package when missing."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "%(tool)s was not found. Install the PostgreSQL client programs of the server's "
                "version or newer (Debian: postgresql-client) and try again."
            )
            % {"tool": name}
        )
    try:
        output = subprocess.run(  # noqa: S603 - a program found on PATH, fixed arguments
            [path, "--version"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise BackupError(_("%(tool)s does not run: %(error)s") % {"tool": path, "error": exc}) from None
    match = re.search(r"\)\s*(\d+(?:\.\d+)?)", output) or re.search(r"(\d+(?:\.\d+)?)", output)
    return Tool(name=name, path=path, version=match.group(1) if match else "0")


def check_pg_dump(tool: Tool) -> None:
    """pg_dump refuses a server of a newer major version: say which client to install."""
    server = server_version()
    if tool.major < major_version(server):
        raise BackupError(
            _(
                "%(tool)s %(tool_version)s cannot dump a PostgreSQL %(server_version)s server. "
                "Install the PostgreSQL %(server_major)s client programs (or newer) and try again."
            )
            % {
                "tool": tool.name,
                "tool_version": tool.version,
                "server_version": server,
                "server_major": major_version(server),
            }
        )


def check_pg_restore(tool: Tool, dump_version: str) -> None:
    """pg_restore cannot read the archive format of a newer pg_dump."""
    if tool.major < major_version(dump_version):
        raise BackupError(
            _(
                "%(tool)s %(tool_version)s cannot read a dump made by pg_dump %(dump_version)s. "
                "Install the PostgreSQL %(dump_major)s client programs (or newer) and try again."
            )
            % {
                "tool": tool.name,
                "tool_version": tool.version,
                "dump_version": dump_version,
                "dump_major": major_version(dump_version),
            }
        )


def _pg_command(tool: Tool, options: list[str]) -> tuple[list[str], dict[str, str]]:
    """The connection of DATABASES['default'] as libpq options and environment (the password only
    in PGPASSWORD, never on the command line), the way Django's own dbshell builds it."""
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, ["--no-password", *options])
    return [tool.path, *args[1:]], {**os.environ, **(env or {})}


def _run(tool: Tool, args: list[str], env: dict[str, str]) -> None:
    try:
        completed = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as exc:
        raise BackupError(_("%(tool)s does not run: %(error)s") % {"tool": tool.path, "error": exc}) from None
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        raise BackupError(
            _("%(tool)s failed: %(error)s")
            % {"tool": tool.name, "error": " ".join(lines[-3:]) or completed.returncode}
        )


def _pg_dump(tool: Tool, path: Path, snapshot_id: str) -> None:
    args, env = _pg_command(tool, ["--format=custom", f"--file={path}", f"--snapshot={snapshot_id}"])
    _run(tool, args, env)


# --- restore --------------------------------------------------------------------------------


def restore_native(path: Path, pg_restore: Tool | None) -> None:
    """Load a native dump into this (table-less) database, in one transaction."""
    if vendor() == "postgresql":
        assert pg_restore is not None  # noqa: S101 - the caller found it before starting
        options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname"]
        args, env = _pg_command(pg_restore, options)
        _run(pg_restore, [*args, str(path)], env)
        return
    copy = path.with_suffix("")
    with gzip.open(path, "rb") as source, open(copy, "wb") as target:
        shutil.copyfileobj(source, target, 1024 * 1024)
    source_db = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        source_db.backup(connection.connection)
    finally:
        source_db.close()
        connection.close()


def load_portable(path: Path) -> None:
    """loaddata of the portable copy, then every sequence set past the highest id (PostgreSQL).

    The groups migrate made are dropped first: the copy holds the site's own, under their ids."""
    Group.objects.all().delete()
    call_command("loaddata", str(path), verbosity=0, stdout=io.StringIO())
    statements = connection.ops.sequence_reset_sql(no_style(), portable_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def drop_tables(names: Iterable[str]) -> None:
    """Drop the given tables: undoes a failed restore into a database that had no table at all."""
    with connection.cursor() as cursor:
        if vendor() == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        for name in names:
            cascade = " CASCADE" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)}{cascade}")
        if vendor() == "sqlite":
            # sqlite_sequence cannot be dropped: emptied, VACUUM leaves it out, as in a new file.
            if "sqlite_sequence" in {row[0] for row in cursor.execute("SELECT name FROM sqlite_master")}:
                cursor.execute("DELETE FROM sqlite_sequence")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("VACUUM")
