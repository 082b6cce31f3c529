"""Full-text search over services' names and descriptions, in the database.

SQLite: an FTS5 table (BM25 ranking, Unicode tokeniser that ignores accents). PostgreSQL: a
tsvector table with a GIN index, the 'simple' configuration (no English stemming, because
searches come in many languages) and ts_rank. Both answer `search()` with service ids, best
first.

The index is kept in step by triggers on `finder_service`, installed by a migration, so every
way of writing a service (forms, imports, `bulk_create` in the data-set generator, the admin)
updates it in the same transaction. The same triggers change a random token in
`finder_search_generation` on any write to services, their taxonomy terms, languages,
locations or hours; the in-memory index (coaction.finder.search_index) compares that token to
know when to reload. A random token, not a counter, because a rolled-back transaction would
let a counter repeat a value for different data.

On SQLite, Django rebuilds a table to make some schema changes, and a rebuilt table loses its
triggers: a migration that alters `finder_service` must call `install()` again afterwards.
`test_it_keeps_the_text_index_in_step_after_all_migrations` fails if one forgets."""

import unicodedata

# The SQL below is put together from constant table and column names only; every value a
# person typed goes in as a query parameter.
# ruff: noqa: S608
from collections.abc import Sequence
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from coaction.finder.lexicon import FUNCTION_WORDS
from coaction.lib.textnorm import normalise, tokens

INDEX_TABLE = "finder_service_fts"
GENERATION_TABLE = "finder_search_generation"
# Embeddings of the needs' multilingual examples (coaction.finder.needs), stored once for all
# processes: making them takes seconds.
EXAMPLES_TABLE = "finder_search_examples"
# Tables whose changes alter search results beyond the text: a service's terms, languages,
# where it is (for distances) and its opening hours.
WATCHED_TABLES = (
    "finder_service",
    "finder_service_terms",
    "finder_servicelanguage",
    "finder_serviceatlocation",
    "finder_location",
    "finder_schedule",
    # An organisation's leadership type decides the by-and-for filter.
    "organisations_organisation",
)

# Words too common to say anything about a service.
_STOP_WORDS = set().union(*FUNCTION_WORDS.values()) | {
    "a", "an", "are", "at", "be", "by", "can", "do", "get", "have", "how", "it", "not", "on",
    "or", "our", "so", "that", "this", "we", "what", "who", "will", "you", "your", "women",
    "woman", "support", "service", "services",
}  # fmt: skip

_SQLITE_TEXT = (
    "new.name || ' ' || new.alternate_name",
    "new.description || ' ' || new.eligibility_description",
)
_RANDOM_SQLITE = "lower(hex(randomblob(8)))"

SQLITE_INSTALL = [
    f"""CREATE TABLE IF NOT EXISTS {EXAMPLES_TABLE} (
        key TEXT PRIMARY KEY, vectors BLOB NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {GENERATION_TABLE} (
        id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL)""",
    f"INSERT OR IGNORE INTO {GENERATION_TABLE} (id, token) VALUES (1, {_RANDOM_SQLITE})",
    # FTS5 rows are addressed by an integer rowid; this table gives each service a stable one
    # (the implicit rowid of finder_service may change on VACUUM).
    f"""CREATE TABLE IF NOT EXISTS {INDEX_TABLE}_ids (
        id INTEGER PRIMARY KEY, service_id TEXT NOT NULL UNIQUE)""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5(
        name, body, tokenize = 'unicode61 remove_diacritics 2')""",
    "DROP TRIGGER IF EXISTS finder_service_text_insert",
    "DROP TRIGGER IF EXISTS finder_service_text_update",
    "DROP TRIGGER IF EXISTS finder_service_text_delete",
    f"""CREATE TRIGGER finder_service_text_insert AFTER INSERT ON finder_service BEGIN
        INSERT OR IGNORE INTO {INDEX_TABLE}_ids (service_id) VALUES (new.id);
        DELETE FROM {INDEX_TABLE}
            WHERE rowid = (SELECT id FROM {INDEX_TABLE}_ids WHERE service_id = new.id);
        INSERT INTO {INDEX_TABLE} (rowid, name, body)
            SELECT id, {_SQLITE_TEXT[0]}, {_SQLITE_TEXT[1]}
            FROM {INDEX_TABLE}_ids WHERE service_id = new.id;
    END""",
    f"""CREATE TRIGGER finder_service_text_update AFTER UPDATE OF
        id, name, alternate_name, description, eligibility_description ON finder_service BEGIN
        DELETE FROM {INDEX_TABLE}
            WHERE rowid = (SELECT id FROM {INDEX_TABLE}_ids WHERE service_id = old.id);
        DELETE FROM {INDEX_TABLE}_ids WHERE service_id = old.id;
        INSERT OR IGNORE INTO {INDEX_TABLE}_ids (service_id) VALUES (new.id);
        INSERT INTO {INDEX_TABLE} (rowid, name, body)
            SELECT id, {_SQLITE_TEXT[0]}, {_SQLITE_TEXT[1]}
            FROM {INDEX_TABLE}_ids WHERE service_id = new.id;
    END""",
    f"""CREATE TRIGGER finder_service_text_delete AFTER DELETE ON finder_service BEGIN
        DELETE FROM {INDEX_TABLE}
            WHERE rowid = (SELECT id FROM {INDEX_TABLE}_ids WHERE service_id = old.id);
        DELETE FROM {INDEX_TABLE}_ids WHERE service_id = old.id;
    END""",
]
for _table in WATCHED_TABLES:
    for _event in ("INSERT", "UPDATE", "DELETE"):
        _name = f"{_table}_search_{_event.lower()}"
        SQLITE_INSTALL += [
            f"DROP TRIGGER IF EXISTS {_name}",
            f"""CREATE TRIGGER {_name} AFTER {_event} ON {_table} BEGIN
                UPDATE {GENERATION_TABLE} SET token = {_RANDOM_SQLITE} WHERE id = 1;
            END""",
        ]
SQLITE_INSTALL += [
    # Fill the index from services that already exist.
    f"""INSERT OR IGNORE INTO {INDEX_TABLE}_ids (service_id) SELECT id FROM finder_service""",
    f"DELETE FROM {INDEX_TABLE}",
    f"""INSERT INTO {INDEX_TABLE} (rowid, name, body)
        SELECT ids.id, s.name || ' ' || s.alternate_name,
               s.description || ' ' || s.eligibility_description
        FROM finder_service s JOIN {INDEX_TABLE}_ids ids ON ids.service_id = s.id""",
]

SQLITE_UNINSTALL = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_search_{event}"
        for table in WATCHED_TABLES
        for event in ("insert", "update", "delete")
    ),
    "DROP TRIGGER IF EXISTS finder_service_text_insert",
    "DROP TRIGGER IF EXISTS finder_service_text_update",
    "DROP TRIGGER IF EXISTS finder_service_text_delete",
    f"DROP TABLE IF EXISTS {INDEX_TABLE}",
    f"DROP TABLE IF EXISTS {INDEX_TABLE}_ids",
    f"DROP TABLE IF EXISTS {GENERATION_TABLE}",
    f"DROP TABLE IF EXISTS {EXAMPLES_TABLE}",
]


def _accent_map() -> tuple[str, str]:
    """Accented Latin letters and their plain forms, as `normalise` maps them, for
    PostgreSQL's translate(): the 'simple' configuration keeps accents, and the unaccent
    extension may not be installable."""
    source, target = [], []
    for code in [*range(0x00C0, 0x0180), *range(0x0218, 0x021C)]:
        char = chr(code)
        plain = normalise(char)
        if len(plain) == 1 and plain.isascii() and plain != char.lower():
            source.append(char)
            target.append(plain)
    return "".join(source), "".join(target)


_ACCENTED, _PLAIN = _accent_map()
_PG_TEXT = "translate({text}, '" + _ACCENTED + "', '" + _PLAIN + "')"
_PG_DOCUMENT = (
    "setweight(to_tsvector('simple', "
    + _PG_TEXT.format(text="coalesce({row}.name, '') || ' ' || coalesce({row}.alternate_name, '')")
    + "), 'A') || setweight(to_tsvector('simple', "
    + _PG_TEXT.format(
        text="coalesce({row}.description, '') || ' ' || coalesce({row}.eligibility_description, '')"
    )
    + "), 'B')"
)
_RANDOM_PG = "md5(random()::text || clock_timestamp()::text)"

POSTGRESQL_INSTALL = [
    f"""CREATE TABLE IF NOT EXISTS {EXAMPLES_TABLE} (
        key varchar(200) PRIMARY KEY, vectors bytea NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {GENERATION_TABLE} (
        id integer PRIMARY KEY CHECK (id = 1), token text NOT NULL)""",
    f"""INSERT INTO {GENERATION_TABLE} (id, token) VALUES (1, {_RANDOM_PG})
        ON CONFLICT (id) DO NOTHING""",
    f"""CREATE TABLE IF NOT EXISTS {INDEX_TABLE} (
        service_id varchar(100) PRIMARY KEY, document tsvector NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {INDEX_TABLE}_document ON {INDEX_TABLE} USING GIN (document)",
    f"""CREATE OR REPLACE FUNCTION finder_service_text_sync() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM {INDEX_TABLE} WHERE service_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {INDEX_TABLE} (service_id, document)
                VALUES (NEW.id, {_PG_DOCUMENT.format(row="NEW")})
                ON CONFLICT (service_id) DO UPDATE SET document = EXCLUDED.document;
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION finder_service_text_clear() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {INDEX_TABLE};
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION finder_search_new_generation() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {GENERATION_TABLE} SET token = {_RANDOM_PG} WHERE id = 1;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS finder_service_text_sync ON finder_service",
    """CREATE TRIGGER finder_service_text_sync
        AFTER INSERT OR DELETE OR UPDATE OF
            id, name, alternate_name, description, eligibility_description
        ON finder_service FOR EACH ROW EXECUTE FUNCTION finder_service_text_sync()""",
    # TRUNCATE fires no row triggers; Django's test flush uses it.
    "DROP TRIGGER IF EXISTS finder_service_text_truncate ON finder_service",
    """CREATE TRIGGER finder_service_text_truncate AFTER TRUNCATE ON finder_service
        FOR EACH STATEMENT EXECUTE FUNCTION finder_service_text_clear()""",
    *(
        statement
        for table in WATCHED_TABLES
        for statement in (
            f"DROP TRIGGER IF EXISTS {table}_search_generation ON {table}",
            f"""CREATE TRIGGER {table}_search_generation
                AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION finder_search_new_generation()""",
        )
    ),
    f"""INSERT INTO {INDEX_TABLE} (service_id, document)
        SELECT s.id, {_PG_DOCUMENT.format(row="s")} FROM finder_service s
        ON CONFLICT (service_id) DO UPDATE SET document = EXCLUDED.document""",
]

POSTGRESQL_UNINSTALL = [
    *(f"DROP TRIGGER IF EXISTS {table}_search_generation ON {table}" for table in WATCHED_TABLES),
    "DROP TRIGGER IF EXISTS finder_service_text_sync ON finder_service",
    "DROP TRIGGER IF EXISTS finder_service_text_truncate ON finder_service",
    "DROP FUNCTION IF EXISTS finder_service_text_sync()",
    "DROP FUNCTION IF EXISTS finder_service_text_clear()",
    "DROP FUNCTION IF EXISTS finder_search_new_generation()",
    f"DROP TABLE IF EXISTS {INDEX_TABLE}",
    f"DROP TABLE IF EXISTS {GENERATION_TABLE}",
    f"DROP TABLE IF EXISTS {EXAMPLES_TABLE}",
]


def _statements(connection: BaseDatabaseWrapper, *, install: bool) -> list[str]:
    if connection.vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_UNINSTALL
    if connection.vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_UNINSTALL
    return []


def install(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Create (or re-create) the text index and its triggers, and fill it from the services
    already stored. Safe to run again."""
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper = default_connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)


def generation() -> str:
    """A token that changes whenever services, their terms or their languages change."""
    if default_connection.vendor not in ("sqlite", "postgresql"):
        # No triggers elsewhere: fall back to what a plain query can see.
        from django.db.models import Count, Max

        from coaction.finder.models import Service

        seen = Service.objects.aggregate(n=Count("id"), latest=Max("last_modified"))
        return f"{seen['n']}:{seen['latest']}"
    with default_connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {GENERATION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def stored_vectors(key: str) -> bytes | None:
    if default_connection.vendor not in ("sqlite", "postgresql"):
        return None
    with default_connection.cursor() as cursor:
        cursor.execute(f"SELECT vectors FROM {EXAMPLES_TABLE} WHERE key = %s", [key])
        row = cursor.fetchone()
    return bytes(row[0]) if row else None


def store_vectors(key: str, data: bytes) -> None:
    if default_connection.vendor not in ("sqlite", "postgresql"):
        return
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {EXAMPLES_TABLE} (key, vectors) VALUES (%s, %s) "
            "ON CONFLICT (key) DO NOTHING",
            [key, data],
        )


def search_terms(text: str) -> list[str]:
    """The words of a search worth looking up: normalised, without common words, and with a
    plural -s taken off so that a prefix match finds both forms."""
    terms: list[str] = []
    for word in tokens(normalise(text)):
        # Two-letter words match too much as prefixes ("sa" finds "safety").
        if len(word) < 3 or word in _STOP_WORDS or word.isdigit():
            continue
        if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in terms:
            terms.append(word)
    return terms[:32]


def search(text: str, *, limit: int = 200, within: QuerySet[Any] | None = None) -> list[str]:
    """Ids of services whose text matches any word of `text`, best first (services matching
    more, rarer words first; a match in the name counts double). `within` restricts the
    search to a queryset of services."""
    terms = search_terms(text)
    if not terms:
        return []
    vendor = default_connection.vendor
    restriction, restriction_params = "", ()
    if within is not None:
        sql, params = within.values("id").query.sql_with_params()
        restriction, restriction_params = sql, tuple(params)
    if vendor == "sqlite":
        match = " OR ".join(f'"{term}"' + ("*" if len(term) > 3 else "") for term in terms)
        where = f"AND ids.service_id IN ({restriction})" if restriction else ""
        query = f"""
            SELECT ids.service_id FROM {INDEX_TABLE}
            JOIN {INDEX_TABLE}_ids ids ON ids.id = {INDEX_TABLE}.rowid
            WHERE {INDEX_TABLE} MATCH %s {where}
            ORDER BY bm25({INDEX_TABLE}, 2.0, 1.0), ids.service_id
            LIMIT %s"""
        params: Sequence[object] = (match, *restriction_params, limit)
    elif vendor == "postgresql":
        # Documents were stored without Latin accents (see _accent_map); look for the words
        # as typed too, for letters outside that map.
        typed = tokens(unicodedata.normalize("NFC", text).casefold())
        variants = dict.fromkeys(
            [*terms, *(word for word in typed if len(word) > 2 and word not in _STOP_WORDS)]
        )
        expression = " | ".join(_pg_lexeme(term) for term in list(variants)[:48])
        where = f"AND service_id IN ({restriction})" if restriction else ""
        query = f"""
            SELECT service_id FROM {INDEX_TABLE}, to_tsquery('simple', %s) AS q
            WHERE document @@ q {where}
            ORDER BY ts_rank(document, q) DESC, service_id
            LIMIT %s"""
        params = (expression, *restriction_params, limit)
    else:
        return []
    with default_connection.cursor() as cursor:
        cursor.execute(query, params)
        return [row[0] for row in cursor.fetchall()]


def _pg_lexeme(term: str) -> str:
    """A prefix-matching tsquery lexeme. `term` has no quote characters (it is made of
    letters, marks and digits only), but quote it anyway."""
    quoted = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}'" + (":*" if len(term) > 3 else "")
