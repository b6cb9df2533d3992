"""The directory's words on PostgreSQL: organisations whose name, sectors, description or commune
have every word (each with its synonyms), from `organizations.search_vector`."""
import sqlalchemy as sa

from market.accounts.models import Organization
from market.extensions import db
from market.search.pg import names
from market.search.pg.sql import ORGANIZATION_VECTOR, any_of, matches
from market.search.pg.words import analyse, tsquery


def organization_ids_matching(text: str, statuses=("verified",)) -> list[int]:
    query = analyse(text)
    if not query.groups:
        return []
    conditions = []
    for group in query.groups:
        either = [matches(ORGANIZATION_VECTOR, tsquery(group))]
        codes = names.commune_codes(group)
        if codes:
            either.append(any_of(Organization.commune_code, codes))
        conditions.append(sa.or_(*either))
    return list(db.session.scalars(sa.select(Organization.id).where(Organization.status.in_(statuses), *conditions)
                                   .order_by(Organization.id)))
