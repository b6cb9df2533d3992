"""The time bank's panel of "Mon espace": balances (and their warnings), hours to confirm, requests to answer,
seats and places in line."""
from market.places.models import HoldStatus
from market.timebank import credits, queries
from market.timebank.accounts import existing_account, holders_of
from market.types import utcnow


def panel_context(user) -> dict:
    accounts = [(holder, existing_account(holder)) for holder in holders_of(user)]
    accounts = [(holder, account) for holder, account in accounts if account is not None]
    now = utcnow()
    seats = [s for s in queries.seats_of(user) if s.status == "booked" and s.workshop.starts_at > now
             and s.hold.status in (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)]
    return {"accounts": accounts, "to_confirm": queries.to_confirm(user), "to_answer": queries.to_answer(user),
            "seats_to_confirm": queries.seats_to_confirm(user), "seats": sorted(seats, key=lambda s: s.workshop.starts_at),
            "warning": credits.soft_warning, "HoldStatus": HoldStatus}
