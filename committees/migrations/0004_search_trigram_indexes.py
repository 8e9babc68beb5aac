from django.db import migrations

from portal.db.operations import RunSQLOnPostgreSQL, trigram_index


class Migration(migrations.Migration):
    """Trigram indexes for the admin's searches of people (the people list, the positions list and
    every autocomplete box naming a person) and decisions, on PostgreSQL only."""

    dependencies = [
        ("committees", "0003_uploads_checked_by_content"),
    ]

    operations = [
        # Kept when migrating back: other indexes may come to use it.
        RunSQLOnPostgreSQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop),
        trigram_index("committees_person", "full_name"),
        trigram_index("committees_decision", "number"),
        trigram_index("committees_decision", "title"),
    ]
