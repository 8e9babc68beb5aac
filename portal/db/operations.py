"""Migration operations for what only PostgreSQL has.

The embedded demo runs on SQLite, whose schema needs none of it: these operations do nothing
there, so one set of migrations serves both.
"""

from django.db import migrations


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing on another database (the SQLite demo)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Raw SQL operation on PostgreSQL only"


def trigram_index(table: str, column: str) -> RunSQLOnPostgreSQL:
    """A GIN trigram index on UPPER(column::text): the expression Django's `icontains` compares on
    PostgreSQL, so the admin's searches (`%term%`) read the index instead of every row."""
    name = f"{table}_{column}_trgm"
    return RunSQLOnPostgreSQL(
        sql=f'CREATE INDEX "{name}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)',
        reverse_sql=f'DROP INDEX IF EXISTS "{name}"',
    )
