"""The network's newsletter: what is new since each person's last digest, near them and in their
interests first. `market send-digest --period weekly` is idempotent per person and period.

Other features add their own section (the ressourcerie's new batches, the agenda's next dates) through
market/notifications/sections.py: the letter walks them without importing them."""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import force_locale, gettext as _
from sqlalchemy.exc import IntegrityError

from market.accounts.models import Organization, User
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_condition
from market.matching.nearby import nearby_codes
from market.matching.text import tokens
from market.notifications.models import DigestDelivery, DigestIssue, NotificationPreference
from market.notifications.rules import period_key, period_length
from market.notifications.sections import digest_sections
from market.notifications.services import queue_email
from market.types import utcnow

PERIODS = ("weekly", "daily")
NEAR_KM = 30
LIMITS = {"featured": 15, "others": 15, "organizations": 10, "urgent": 10}


def draft_issue(period: str) -> DigestIssue:
    """The next issue's editorial, editable by coordinators until it is sent (created on demand)."""
    issue = db.session.scalar(sa.select(DigestIssue).where(DigestIssue.period == period, DigestIssue.key.is_(None)))
    if issue is None:
        issue = DigestIssue(period=period, key=None, editorial="")
        db.session.add(issue)
        db.session.flush()
    return issue


def save_editorial(actor, period: str, text: str) -> DigestIssue:
    if not actor.is_coordinator:
        raise PermissionError("coordinators only")
    issue = draft_issue(period)
    issue.editorial, issue.editor_id = text.strip()[:2000], actor.id
    db.session.flush()
    return issue


def _issue_for(period: str, key: str) -> DigestIssue:
    issue = db.session.scalar(sa.select(DigestIssue).where(DigestIssue.period == period, DigestIssue.key == key))
    if issue is None:
        issue = draft_issue(period)
        issue.key = key  # the draft goes out now; the next edit starts a new draft
        db.session.flush()
    return issue


def _profile(user):
    """(commune codes near the person, words of their interests, (category, kind) they look for)."""
    communes, words, wanted = set(), set(), set()
    places = [(o.commune_code, NEAR_KM) for o in user.organizations]
    if user.volunteer_profile is not None:
        places.append((user.volunteer_profile.commune_code, user.volunteer_profile.radius_km))
        words |= tokens(user.volunteer_profile.skills.replace(";", " "))
    for code, radius in places:
        communes |= set(nearby_codes(code, radius) or (code,))
    for org in user.organizations:
        words |= tokens(org.sectors.replace(";", " "))
    owned = _owned_condition(user)
    for title, tags, category, kind in db.session.execute(
            sa.select(Listing.title, Listing.tags, Listing.category, Listing.kind).where(owned, public_condition())
            .limit(30)):
        words |= tokens(f"{title} {tags}")
        wanted.add((category, "offer" if kind == "need" else "need"))
    return communes, words, wanted


def _owned_condition(user):
    org_ids = [o.id for o in user.organizations]
    return sa.or_(Listing.organization_id.in_(org_ids) if org_ids else sa.false(),
                  sa.and_(Listing.organization_id.is_(None), Listing.author_id == user.id))


def build(user, since: datetime, until: datetime) -> dict:
    """Ids of the digest's sections for this person: featured (near and/or in their interests),
    others, new member organisations, urgent needs still open."""
    communes, words, wanted = _profile(user)
    mine = _owned_condition(user)
    new = db.session.scalars(sa.select(Listing).where(public_condition(), ~mine, Listing.published_at > since,
                                                      Listing.published_at <= until)
                             .order_by(Listing.published_at.desc()).limit(300))
    ranked = []
    for listing in new:
        near = listing.commune_code in communes
        liked = bool(tokens(f"{listing.title} {listing.tags}") & words) or (listing.category, listing.kind) in wanted
        ranked.append((near + liked, listing.id))
    ranked.sort(key=lambda pair: -pair[0])  # stable: newest first within each rank
    orgs = db.session.scalars(sa.select(Organization.id).where(
        Organization.status == "verified", Organization.created_at > since, Organization.created_at <= until)
        .order_by(Organization.name).limit(LIMITS["organizations"]))
    urgent = db.session.scalars(sa.select(Listing.id).where(public_condition(), ~mine, Listing.urgent.is_(True),
                                                            Listing.kind == "need")
                                .order_by(Listing.published_at.desc()).limit(LIMITS["urgent"]))
    sections = {"featured": [i for rank, i in ranked if rank][:LIMITS["featured"]],
                "others": [i for rank, i in ranked if not rank][:LIMITS["others"]],
                "organizations": list(orgs), "urgent": list(urgent)}
    for section in digest_sections():
        sections[section.name] = list(section.collect(user, since, until))
    return sections


def news_count(sections: dict) -> int:
    """How many new things a person's letter holds (a letter goes out only when there is one)."""
    quiet = {s.name for s in digest_sections() if not s.news}
    return sum(len(keys) for name, keys in sections.items() if name not in quiet)


def expand_context(ctx: dict) -> dict:
    """Objects for the template; listings closed since the digest was prepared are left out."""
    def listings(ids):
        found = {item.id: item for item in db.session.scalars(sa.select(Listing).where(Listing.id.in_(ids or [])))}
        return [found[i] for i in ids or [] if i in found and found[i].is_public()]
    orgs = {o.id: o for o in db.session.scalars(sa.select(Organization).where(
        Organization.id.in_(ctx.get("organizations") or []), Organization.status == "verified"))}
    extra = [(section, section.expand(ctx.get(section.name) or [])) for section in digest_sections()]
    return {"featured": listings(ctx.get("featured")), "others": listings(ctx.get("others")),
            "urgent": listings(ctx.get("urgent")),
            "organizations": [orgs[i] for i in ctx.get("organizations") or [] if i in orgs],
            "extra_sections": [(section, items) for section, items in extra if items]}


def subscribers():
    return db.session.scalars(
        sa.select(User).outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
        .where(User.status == "active",
               sa.or_(NotificationPreference.user_id.is_(None), NotificationPreference.newsletter.is_(True)))
        .order_by(User.id))


def prepare(period: str, now=None) -> int:
    """Record each subscriber's digest of this period (once: unique per person and period) and queue
    its e-mail; commits person by person. Returns how many digests were queued."""
    now = now or utcnow()
    key = period_key(period, now)
    issue = _issue_for(period, key)
    editorial = issue.editorial
    db.session.commit()
    queued = 0
    for user_id in [u.id for u in subscribers()]:
        if db.session.scalar(sa.select(DigestDelivery.id).where(DigestDelivery.user_id == user_id,
                                                                DigestDelivery.period == period,
                                                                DigestDelivery.key == key)):
            continue
        user = db.session.get(User, user_id)
        since = db.session.scalar(sa.select(sa.func.max(DigestDelivery.until)).where(
            DigestDelivery.user_id == user_id, DigestDelivery.period == period)) or now - period_length(period)
        sections = build(user, since, now)
        count = news_count(sections)
        email = None
        if count:
            with force_locale(user.locale or "fr"):
                subject = _("La lettre du réseau : du nouveau près de chez vous")
            email = queue_email(user, "digest", subject, {**sections, "editorial": editorial, "period": period},
                                stream="digest", dedupe_key=f"digest:{period}:{key}:{user_id}", now=now)
        db.session.add(DigestDelivery(user_id=user_id, period=period, key=key, since=since, until=now,
                                      item_count=count, email_id=email.id if email else None))
        try:
            db.session.commit()
        except IntegrityError:  # another run took this person at the same moment
            db.session.rollback()
            continue
        queued += email is not None
    return queued
