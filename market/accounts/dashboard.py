"""What a person sees on "Mon espace": each organisation's listings by status, expiring soon."""
from dataclasses import dataclass, field
from datetime import timedelta

from market.extensions import db
from market.listings.queries import individual_listings, organization_listings
from market.types import utcnow


@dataclass
class Board:
    title: str
    organization: object = None
    by_status: dict = field(default_factory=dict)
    expiring: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.by_status.values())


def _board(title, listings, organization=None) -> Board:
    board = Board(title=title, organization=organization)
    soon = utcnow() + timedelta(days=7)
    for listing in listings:
        board.by_status.setdefault(listing.status, []).append(listing)
        if listing.status == "published" and listing.expires_at <= soon:
            board.expiring.append(listing)
    return board


def dashboard_for(user) -> list[Board]:
    boards = [_board(o.name, db.session.scalars(organization_listings(o)).all(), o) for o in user.organizations]
    own = db.session.scalars(individual_listings(user)).all() if user.is_volunteer else []
    if own:  # a volunteer's own listings (an offer of help); posting one is not pushed on the home page
        boards.append(_board(user.display_name, own))
    return boards
