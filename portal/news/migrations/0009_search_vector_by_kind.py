from django.db import migrations

KINDS = ("article", "event", "organization", "person", "decision", "legal_document")


def index_vectors_by_kind(apps, schema_editor):
    # The search reads each kind's matches apart (portal.news.search._numbered): a GIN index a
    # kind gives each only that kind's matches, where the one index gave every kind's, read
    # again for each, then left out row by row.
    if schema_editor.connection.vendor == "postgresql":
        for kind in KINDS:
            schema_editor.execute(
                f'CREATE INDEX "news_search_vector_{kind}" ON "news_searchentry" USING gin ("vector") '
                f"WHERE \"kind\" = '{kind}'"
            )
        schema_editor.execute('DROP INDEX IF EXISTS "news_search_vector_gin"')


def index_vectors_together(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE INDEX "news_search_vector_gin" ON "news_searchentry" USING gin ("vector")'
        )
        for kind in KINDS:
            schema_editor.execute(f'DROP INDEX IF EXISTS "news_search_vector_{kind}"')


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_search_stale"),
    ]

    operations = [
        migrations.RunPython(index_vectors_by_kind, index_vectors_together),
    ]
