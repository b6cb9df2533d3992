"""Small SQL pieces of the PostgreSQL backend: the stored vectors, `@@`, arrays as one parameter."""
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, TSVECTOR

LISTING_VECTOR = sa.literal_column("listings.search_vector", TSVECTOR)
ORGANIZATION_VECTOR = sa.literal_column("organizations.search_vector", TSVECTOR)
# the words of the titles and tags alone, as indexed (migration 0020): written as the index is
STRONG_VECTOR = sa.literal_column("ts_filter(listings.search_vector, '{a,b}'::\"char\"[])", TSVECTOR)


def tsquery(text: str):
    """A tsquery parameter (text already in tsquery syntax: market.search.pg.words)."""
    return sa.cast(sa.literal(text, sa.Text), TSQUERY)


def matches(vector, text: str):
    return vector.bool_op("@@")(tsquery(text))


def any_of(column, values, item_type=sa.String):
    """`column = ANY(:values)`: one array parameter, however many values."""
    return column == sa.any_(sa.literal(list(values), ARRAY(item_type)))
