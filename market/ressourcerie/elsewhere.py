"""Where batches show up beyond the ressourcerie: beside a search of the listings, beside a need's matches
(market/ressourcerie/answers.py), in an alert to the members whose need a new batch answers, and in the newsletter."""
import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale, gettext as _

from market.cache import remember
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import contains, public_condition
from market.matching.candidates import prefilter_words
from market.matching.nearby import nearby_codes
from market.matching.text import GENERIC, tokens
from market.notifications.services import notify
from market.ressourcerie import queries
from market.ressourcerie.models import Batch
from market.types import utcnow

REACH_KM = 50  # a gift is worth a longer trip than a loan (matching reaches 30 km for equipment)
SHOWN = 3  # batches beside a search or a need
OPEN_BATCHES = "ressourcerie:open"  # the cached answers of search_block, forgotten at any change of a batch
NEEDS_TOLD = 50  # needs looked at for one new batch
DIGEST_NEAR_KM = 30


def _key_terms(text: str) -> frozenset[str]:
    """What a text is about: its terms and types, without the qualifiers ("portable", "grand")."""
    return tokens(text) - GENERIC


def _mine(user):
    org_ids = [o.id for o in user.organizations]
    return sa.or_(Batch.donor_id == user.id, Batch.organization_id.in_(org_ids) if org_ids else sa.false())


def batches_for_need(listing, limit: int = SHOWN) -> list[Batch]:
    """Open batches that answer a public need for equipment: a key word of the need's title or keywords in
    the batch's title (its type included: "pc" finds "ordinateurs"), given within reach, best first."""
    if listing.kind != "need" or listing.category != "equipment":
        return []
    wanted = _key_terms(f"{listing.title} ; {listing.tags or ''}")
    if not wanted:
        return []
    stmt = sa.select(Batch).where(Batch.status == "open").order_by(Batch.created_at.desc(), Batch.id.desc())
    codes = nearby_codes(listing.commune_code, REACH_KM)
    if codes is not None:
        stmt = stmt.where(Batch.commune_code.in_(codes))
    if listing.organization_id is not None:
        stmt = stmt.where(sa.or_(Batch.organization_id.is_(None), Batch.organization_id != listing.organization_id))
    scored = [(len(wanted & _key_terms(b.title)), b) for b in db.session.scalars(stmt.limit(queries.SCAN))]
    scored = [pair for pair in scored if pair[0]]
    scored.sort(key=lambda pair: -pair[0])  # stable: newest first among equals
    return [b for _n, b in scored[:limit]]


def search_block(filters: dict) -> dict | None:
    """Beside a search of the listings with words (offers, or everything): the batches those words find."""
    words = filters.get("q")
    if not words or filters.get("kind") == "need" or filters.get("category") not in (None, "equipment"):
        return None
    ids = remember(OPEN_BATCHES, words, lambda: [b.id for b in queries.catalogue(words)], ttl=600)
    if not ids:  # the usual answer: no query at all (a search page asks at every search with words)
        return None
    shown = {b.id: b for b in db.session.scalars(sa.select(Batch).where(Batch.id.in_(ids[:SHOWN])))}
    return {"batches": [shown[i] for i in ids[:SHOWN] if i in shown], "total": len(ids), "q": words,
            "available": queries.available}


def needs_for_batch(batch, limit: int = NEEDS_TOLD) -> list[Listing]:
    """Public needs for equipment, within reach, whose title or keywords name what the batch gives."""
    key = _key_terms(batch.title)
    words = prefilter_words(batch.title, "")
    if not key or not words:
        return []
    stmt = (sa.select(Listing).where(public_condition(), Listing.kind == "need", Listing.category == "equipment",
                                     sa.or_(*[sa.or_(contains(Listing.title, w), contains(Listing.tags, w))
                                              for w in words]))
            .order_by(Listing.published_at.desc()).limit(limit))
    codes = nearby_codes(batch.commune_code, REACH_KM)
    if codes is not None:
        stmt = stmt.where(Listing.commune_code.in_(codes))
    return [n for n in db.session.scalars(stmt) if key & _key_terms(f"{n.title} ; {n.tags or ''}")]


def tell_matching_needs(now=None) -> tuple[int, int]:
    """Each new open batch, once: tell the members whose need it answers (run by the cron command, never
    in the request). Returns (batches looked at, people told)."""
    from market.matching.alerts import owners
    now = now or utcnow()
    batches = db.session.scalars(sa.select(Batch).where(Batch.needs_told_at.is_(None), Batch.status == "open")
                                 .order_by(Batch.id).limit(200)).all()
    told = 0
    for batch in batches:
        givers = {batch.donor_id} | ({m.user_id for m in batch.organization.memberships} if batch.organization else set())
        for need in needs_for_batch(batch):
            for user in owners(need):
                if user.id not in givers and _tell(user, batch, need):
                    told += 1
        batch.needs_told_at = now
    db.session.flush()
    return len(batches), told


def _tell(user, batch, need) -> bool:
    with force_locale(user.locale or "fr"):
        title = _("À donner dans la ressourcerie, pour votre besoin « %(need)s » : %(title)s", need=need.title,
                  title=batch.title)
        body = _("%(giver)s donne %(num)d article(s) à %(commune)s. Réservez-les depuis la page du lot.",
                 giver=batch.giver_name, num=batch.quantity, commune=batch.commune_name)
    return notify(user, "match_ressourcerie", title, url_for("ressourcerie.batch", batch_id=batch.id), body=body,
                  email_template="notification", context={"batch_id": batch.id},
                  dedupe_key=f"ressourcerie.match:{batch.id}") is not None


def digest_batches(user, since, until) -> list[int]:
    """New batches of the period for this person's letter (not their own), near them first."""
    near = set()
    for org in user.organizations:
        near |= set(nearby_codes(org.commune_code, DIGEST_NEAR_KM) or (org.commune_code,))
    rows = db.session.execute(sa.select(Batch.id, Batch.commune_code).where(
        Batch.status == "open", Batch.created_at > since, Batch.created_at <= until, ~_mine(user))
        .order_by(Batch.created_at.desc(), Batch.id.desc()).limit(30)).all()
    return [i for _near, i in sorted(((code not in near, i) for i, code in rows), key=lambda p: p[0])][:10]


def digest_items(ids) -> list[Batch]:
    found = {b.id: b for b in db.session.scalars(sa.select(Batch).where(Batch.id.in_(ids or [])))}
    return [found[i] for i in ids or [] if i in found and found[i].status == "open"]
