"""PostgreSQL full-text search (MARKET_SEARCH_BACKEND=postgres); nothing on SQLite

Revision ID: 0017_search_pg
Revises: 0015_volunteer_pool
Create Date: 2026-12-03 10:00:00

On PostgreSQL only: the extensions unaccent and pg_trgm (trusted: the database owner creates
them), an IMMUTABLE `market_unaccent(text)` (unaccent() itself is only STABLE, so it cannot be
indexed), the text search configuration `market_french` (French stop words, then unaccent, then
French stemming: ts_headline still shows the accents), stored generated tsvector columns with
GIN indexes, less the lexemes of whoosh's extra stop words (market/search/analysis.py: "les",
"chez", "très"… which PostgreSQL's list lacks or sees only once unaccented)
(listings: title A > tags B > description, amenities, schedule and labels C; organisations:
name A > sectors B > description C), and two materialized views refreshed by the application
(market/search/pg/vocabulary.py): the lexemes with their document counts ("similar", known
words) and the spellings with a trigram index ("did you mean").

The generated columns read title, tags, description, amenities, schedule, category,
skill_domain, condition (listings) and name, sectors, description (organisations): a later
migration that changes one of these columns' type drops `search_vector` first and adds it
back with the expression below. The category, domain and condition labels are the French
labels of market/labels.py at the time of writing.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0017_search_pg'
down_revision = '0015_volunteer_pool'
branch_labels = None
depends_on = None

LABELS = {
    "category": {"equipment": "Matériel", "premises": "Locaux", "skill": "Compétences", "volunteering": "Bénévolat"},
    "skill_domain": {"legal": "Juridique", "accounting": "Comptabilité", "communication": "Communication et graphisme",
                     "it": "Informatique", "technical": "Technique et maintenance",
                     "fundraising": "Recherche de financements", "other": "Autre"},
    "condition": {"new": "Neuf", "good": "Bon état", "fair": "État correct", "to_repair": "À réparer"},
}


def _case(column: str) -> str:
    whens = " ".join(f"WHEN '{code}' THEN '{text}'" for code, text in LABELS[column].items())
    return f"CASE {column} {whens} ELSE '' END"


def _vector(weight: str, text: str) -> str:
    return f"setweight(to_tsvector('market_french'::regconfig, {text}), '{weight}')"


def _less_stop_words(vector: str) -> str:
    return f"ts_delete({vector}, '{{{','.join(EXTRA_STOP_LEXEMES)}}}'::text[])"


LISTING_VECTOR = " || ".join((
    _vector("A", "coalesce(title, '')"),
    _vector("B", "coalesce(tags, '')"),
    _vector("C", "coalesce(description, '') || ' ' || coalesce(amenities, '') || ' ' || coalesce(schedule, '')"
                 f" || ' ' || {_case('category')} || ' ' || {_case('skill_domain')} || ' ' || {_case('condition')}"),
))
ORGANIZATION_VECTOR = " || ".join((
    _vector("A", "coalesce(name, '')"), _vector("B", "coalesce(sectors, '')"), _vector("C", "coalesce(description, '')"),
))
# The lexemes, under market_french, of whoosh's stop words that PostgreSQL keeps ("fûmes" left out:
# its lexeme is also "fumer"'s)
EXTRA_STOP_LEXEMES = ("a", "cet", "chez", "entre", "etaient", "etais", "etait", "etant", "ete", "eti", "etion", "eum",
                      "eut", "fut", "le", "mem", "san", "tre")
LIVE = "l.status = ''published'' AND NOT l.hidden"  # inside a quoted query string


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema = op.get_bind().exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'").scalar()
    op.execute(f"""
        CREATE FUNCTION market_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$""")
    # French stop words first (as written: "été", "où"), then unaccent, then the stemmer
    op.execute("CREATE TEXT SEARCH DICTIONARY market_french_stop "
               "(TEMPLATE = pg_catalog.simple, STOPWORDS = french, ACCEPT = false)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION market_french (COPY = pg_catalog.french)")
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION market_french ALTER MAPPING FOR asciiword, asciihword, "
               f"hword_asciipart, word, hword, hword_part WITH market_french_stop, {schema}.unaccent, french_stem")
    op.execute(f"ALTER TABLE listings ADD COLUMN search_vector tsvector "
               f"GENERATED ALWAYS AS ({_less_stop_words(LISTING_VECTOR)}) STORED")
    op.execute("CREATE INDEX ix_listings_search_vector ON listings USING gin (search_vector)")
    op.execute(f"ALTER TABLE organizations ADD COLUMN search_vector tsvector "
               f"GENERATED ALWAYS AS ({_less_stop_words(ORGANIZATION_VECTOR)}) STORED")
    op.execute("CREATE INDEX ix_organizations_search_vector ON organizations USING gin (search_vector)")
    listings = f"FROM listings l LEFT JOIN organizations o ON o.id = l.organization_id WHERE {LIVE}"
    op.execute(f"""
        CREATE MATERIALIZED VIEW search_lexemes AS
        SELECT word AS lexeme, ndoc, now() AS refreshed_at
        FROM ts_stat('SELECT l.search_vector || coalesce(ts_filter(o.search_vector, ''{{a}}''), '''') {listings}')""")
    op.execute("CREATE UNIQUE INDEX ux_search_lexemes_lexeme ON search_lexemes (lexeme)")
    op.execute(f"""
        CREATE MATERIALIZED VIEW search_spellings AS
        SELECT word, market_unaccent(word) AS folded, ndoc, now() AS refreshed_at
        FROM ts_stat('SELECT to_tsvector(''simple'', l.title || '' '' || l.tags || '' '' || l.amenities
                      || '' '' || coalesce(o.name, '''')) {listings}')
        WHERE word ~ '^[[:alpha:]]{{3,}}$'""")
    op.execute("CREATE UNIQUE INDEX ux_search_spellings_word ON search_spellings (word)")
    op.execute("CREATE INDEX ix_search_spellings_folded ON search_spellings (folded)")
    op.execute("CREATE INDEX ix_search_spellings_trigrams ON search_spellings USING gist (folded gist_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP MATERIALIZED VIEW IF EXISTS search_spellings")
    op.execute("DROP MATERIALIZED VIEW IF EXISTS search_lexemes")
    op.execute("DROP INDEX IF EXISTS ix_organizations_search_vector")
    op.execute("ALTER TABLE organizations DROP COLUMN IF EXISTS search_vector")
    op.execute("DROP INDEX IF EXISTS ix_listings_search_vector")
    op.execute("ALTER TABLE listings DROP COLUMN IF EXISTS search_vector")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS market_french")
    op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS market_french_stop")
    op.execute("DROP FUNCTION IF EXISTS market_unaccent(text)")
    # the extensions stay: other objects of the database may use them
