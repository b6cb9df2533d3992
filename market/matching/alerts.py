"""Alerts after a publication: matching owners, saved searches, urgent calls. Recorded in the request,
computed by `market send-notifications` (never in the request: it must not slow or fail it)."""
from collections import Counter

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext as _

from market import geo
from market.bulk_rows import insert_rows
from market.accounts.models import User, VolunteerProfile
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_listings
from market.matching import rules
from market.matching.models import AlertJob, SavedSearch
from market.matching.nearby import nearby_codes
from market.matching.queries import facts_of, suggestions
from market.matching.text import tokens
from market.notifications.services import notify
from market.types import utcnow

URGENT_THRESHOLD = 0.4  # an urgent call reaches further down the list than an ordinary alert
MAX_ATTEMPTS = 5


def on_listing_published(listing, **_extra):
    """Signal receiver: one cheap INSERT, committed with the request; never raises."""
    try:
        db.session.add(AlertJob(listing_id=listing.id))
    except Exception:  # pragma: no cover - an alert must never cost a publication
        current_app.logger.exception("alert job for listing %s not recorded", getattr(listing, "id", None))


def on_listings_published(_sender, ids=(), **_extra):
    """Signal receiver for many publications at once (an import): their jobs written in bulk, and
    the cached rankings of every category invalidated after the commit (the rows bypassed the ORM)."""
    if ids:
        from market.cache.hooks import note
        from market.listings.models import CATEGORIES
        from market.matching.cache import namespace
        insert_rows(AlertJob.__table__, [{"listing_id": i} for i in ids])
        note(db.session, *(namespace(c) for c in CATEGORIES))


def process_jobs(now=None, limit: int = 200) -> Counter:
    """Compute the alerts of the listings published since the last run; commits job by job."""
    now = now or utcnow()
    counts = Counter()
    jobs = list(db.session.scalars(sa.select(AlertJob).where(AlertJob.processed_at.is_(None))
                                   .order_by(AlertJob.id).limit(limit)))
    for job in jobs:
        job_id = job.id
        try:
            with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
                counts += alerts_for(job.listing, now)
            job.processed_at = now
            db.session.commit()
        except Exception as exc:
            db.session.rollback()
            current_app.logger.exception("alerts of job %s failed", job_id)
            job = db.session.get(AlertJob, job_id)
            job.attempts += 1
            job.last_error = str(exc)[:2000]
            if job.attempts >= MAX_ATTEMPTS:
                job.processed_at = now
            db.session.commit()
    return counts


def owners(listing) -> list[User]:
    if listing.organization is not None:
        return [m.user for m in listing.organization.memberships if m.user.is_active]
    return [listing.author] if listing.author.is_active else []


def alerts_for(listing, now) -> Counter:
    """Notify about a newly published listing: urgent calls first, then matches, then saved searches."""
    counts = Counter()
    if listing is None or not listing.is_public():
        return counts  # closed, hidden or withdrawn since: nothing to say
    skip = {u.id for u in owners(listing)}
    if listing.urgent and listing.kind == "need":
        called, counts["urgent"] = urgent_call(listing, skip=skip)
        skip |= {u.id for u in called}  # one notice each: the urgent call says it all
    for suggestion in suggestions(listing, limit=50, min_score=rules.ALERT_THRESHOLD, now=now):
        for user in owners(suggestion.listing):
            if user.id not in skip and _match_notice(user, listing, suggestion):
                counts["match"] += 1
    for search in _saved_searches_matching(listing):
        if search.user_id not in skip and _saved_search_notice(search.user, listing, search):
            counts["saved_search"] += 1
    return counts


def _match_notice(user, listing, suggestion):
    with force_locale(user.locale or "fr"):
        return notify(user, "match", _("Une annonce correspond à « %(title)s »", title=suggestion.listing.title),
                      listing.url, body=listing.title, email_template="match_alert", listing=listing,
                      context={"own_title": suggestion.listing.title, "reasons": [str(r) for r in suggestion.reasons]},
                      dedupe_key=f"listing:{listing.id}")


def _saved_searches_matching(listing):
    searches = db.session.scalars(sa.select(SavedSearch).join(User, User.id == SavedSearch.user_id)
                                  .where(SavedSearch.frequency != "never", User.status == "active")
                                  .order_by(SavedSearch.id))
    for search in searches:  # the same SQL as the search page: what they saw is what they get
        stmt = public_listings(search.filters).where(Listing.id == listing.id).with_only_columns(Listing.id)
        if db.session.execute(stmt).first() is not None:
            yield search


def _saved_search_notice(user, listing, search):
    with force_locale(user.locale or "fr"):
        return notify(user, "saved_search", _("Nouveau résultat pour « %(name)s »", name=search.name),
                      listing.url, body=listing.title, email_template="saved_search_alert", listing=listing,
                      context={"search_name": search.name}, dedupe_key=f"listing:{listing.id}",
                      frequency=search.frequency)


def urgent_call(listing, skip=()) -> tuple[list[User], int]:
    """Volunteers within their radius whose skills match, and owners of matching offers nearby:
    at once, whatever their usual frequency, at most once per need (dedupe key).
    Returns (everyone concerned, how many were newly notified)."""
    reached, new = [], 0
    for user, distance in _urgent_recipients(listing, set(skip)):
        with force_locale(user.locale or "fr"):
            notice = notify(user, "urgent", _("Appel urgent : %(title)s", title=listing.title), listing.url,
                            body=listing.owner_name, email_template="urgent_call", listing=listing,
                            context={"distance": round(distance) if distance else None},
                            dedupe_key=f"urgent:{listing.id}", frequency="immediately")
        reached.append(user)
        new += notice is not None
    return reached, new


def _urgent_recipients(listing, skip):
    seen = set(skip)
    words = facts_of(listing).words
    profiles = db.session.scalars(sa.select(VolunteerProfile).join(User).where(User.status == "active"))
    for profile in profiles:
        if profile.user_id in seen or not (tokens(profile.skills.replace(";", " ")) & words):
            continue
        within, distance = _within(profile.commune_code, listing.commune_code, profile.radius_km)
        if within:
            seen.add(profile.user_id)
            yield profile.user, distance
    for suggestion in suggestions(listing, limit=50, min_score=URGENT_THRESHOLD):
        for user in owners(suggestion.listing):
            if user.id not in seen:
                seen.add(user.id)
                yield user, suggestion.distance_km


def _within(home: str, place: str, radius_km: int) -> tuple[bool, float | None]:
    """Whether `place` lies within the radius of `home`; unknown coordinates: the nearby communes."""
    if home == place:
        return True, 0.0
    a, b = geo.get(home), geo.get(place)
    distance = geo.distance_km(a, b) if a and b else None
    if distance is not None:
        return distance <= radius_km, distance
    codes = nearby_codes(home, radius_km)
    return (codes is not None and place in codes), None
