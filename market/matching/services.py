"""Writes of matching: dismiss a suggestion, save a search. They flush, never commit."""
from market.extensions import db
from market.listings.permissions import can_manage
from market.matching.models import FREQUENCIES, MatchDismissal, SavedSearch
from market.listings.queries import clean_filters


class NotAllowed(PermissionError):
    pass


def dismiss(actor, listing, other) -> MatchDismissal:
    """`other` is no longer suggested for `listing` (for anyone): its owners said it does not fit."""
    if not can_manage(actor, listing):
        raise NotAllowed()
    existing = db.session.query(MatchDismissal).filter_by(listing_id=listing.id, other_id=other.id).first()
    if existing is not None:
        return existing
    dismissal = MatchDismissal(listing_id=listing.id, other_id=other.id, user_id=actor.id)
    db.session.add(dismissal)
    db.session.flush()
    return dismissal


def save_search(user, name: str, args, frequency: str = "daily") -> SavedSearch:
    """Save a search (words and filters, as on the search page) with how often to hear of new results."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency}")
    filters = clean_filters(args)
    search = SavedSearch(user_id=user.id, name=(name or "").strip()[:120] or _default_name(filters),
                         filters=filters, frequency=frequency)
    db.session.add(search)
    db.session.flush()
    return search


def _default_name(filters: dict) -> str:
    from market.labels import label
    parts = [filters.get("q", "")] + [label(k, filters[k]) for k in ("kind", "category") if k in filters]
    if "commune" in filters:
        parts.append(filters["commune"])
    return " · ".join(p for p in parts if p) or "Toutes les annonces"


def set_frequency(user, search: SavedSearch, frequency: str) -> SavedSearch:
    if search.user_id != user.id:
        raise NotAllowed()
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency}")
    search.frequency = frequency
    db.session.flush()
    return search


def delete_search(user, search: SavedSearch) -> None:
    if search.user_id != user.id:
        raise NotAllowed()
    db.session.delete(search)
    db.session.flush()
