from django.db import migrations

KINDS = ("article", "event", "organization", "person", "decision", "legal_document")

# A narrow copy of each search entry, kept by a trigger: its kind, record, date and vector
# without positions (strip), stored in the row (STORAGE MAIN). The search reads it newest first
# down (kind, date, id) and stops at the 1,001st match for a word many entries hold, or through
# its kind's GIN index for a rarer one (portal.news.search._numbered). The entries keep their
# vectors in TOAST (read only to rank a few): checking a row there costs 20-30 us, here ~3 us.
# At 100,000 articles: 119 MB and 60 MB of indexes, next to the entries' 520 MB.
CREATE = [
    'CREATE TABLE "news_searchnarrow" ('
    ' "id" bigint PRIMARY KEY,'
    ' "kind" varchar(20) NOT NULL, "object_id" integer NOT NULL,'
    ' "date" timestamp with time zone NULL, "vector" tsvector NULL)',
    'ALTER TABLE "news_searchnarrow" ALTER COLUMN "vector" SET STORAGE MAIN',
    'CREATE INDEX "news_search_narrow_latest" ON "news_searchnarrow" '
    '("kind", "date" DESC NULLS LAST, "id" DESC)',
    *(
        f'CREATE INDEX "news_search_narrow_{kind}" ON "news_searchnarrow" USING gin ("vector") '
        f"WHERE \"kind\" = '{kind}'"
        for kind in KINDS
    ),
    """CREATE FUNCTION "news_searchnarrow_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO "news_searchnarrow" ("id", "kind", "object_id", "date", "vector")
        VALUES (NEW."id", NEW."kind", NEW."object_id", NEW."date", strip(NEW."vector"))
        ON CONFLICT ("id") DO UPDATE SET "kind" = EXCLUDED."kind",
            "object_id" = EXCLUDED."object_id", "date" = EXCLUDED."date",
            "vector" = EXCLUDED."vector";
        RETURN NULL;
    END $$""",
    'CREATE TRIGGER "news_searchnarrow_keep" AFTER INSERT OR UPDATE ON "news_searchentry" '
    'FOR EACH ROW EXECUTE FUNCTION "news_searchnarrow_keep"()',
    # Deletes and truncates (the tests' flush) by triggers too, not a foreign key: Django
    # truncates only the tables it manages, and a key would make that fail.
    """CREATE FUNCTION "news_searchnarrow_drop"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE "news_searchnarrow";
        ELSE
            DELETE FROM "news_searchnarrow" WHERE "id" = OLD."id";
        END IF;
        RETURN NULL;
    END $$""",
    'CREATE TRIGGER "news_searchnarrow_drop" AFTER DELETE ON "news_searchentry" '
    'FOR EACH ROW EXECUTE FUNCTION "news_searchnarrow_drop"()',
    'CREATE TRIGGER "news_searchnarrow_truncate" AFTER TRUNCATE ON "news_searchentry" '
    'FOR EACH STATEMENT EXECUTE FUNCTION "news_searchnarrow_drop"()',
    'INSERT INTO "news_searchnarrow" ("id", "kind", "object_id", "date", "vector") '
    'SELECT "id", "kind", "object_id", "date", strip("vector") FROM "news_searchentry"',
    'ANALYZE "news_searchnarrow"',
]
DROP = [
    *(
        f'DROP TRIGGER IF EXISTS "news_searchnarrow_{name}" ON "news_searchentry"'
        for name in ("keep", "drop", "truncate")
    ),
    'DROP FUNCTION IF EXISTS "news_searchnarrow_keep"()',
    'DROP FUNCTION IF EXISTS "news_searchnarrow_drop"()',
    'DROP TABLE IF EXISTS "news_searchnarrow"',
]


def create_narrow(apps, schema_editor):
    # PostgreSQL's only: elsewhere the search reads the entries themselves.
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0010_list_indexes"),
    ]

    operations = [
        migrations.RunPython(create_narrow, drop_narrow),
    ]
