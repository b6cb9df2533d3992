"""Pure rules of a purchase on quotation: where it stands, who may still register or answer."""
from datetime import datetime

PHASES = ("collecting", "negotiating", "offered", "expired", "cancelled")


def phase(status: str, closes_at: datetime, offer_valid_until: datetime | None, now: datetime) -> str:
    """collecting (interests taken), negotiating (list closed, no offer yet), offered (answers taken),
    expired (the offer's validity is over), cancelled."""
    if status == "cancelled":
        return "cancelled"
    if status == "offered":
        return "offered" if offer_valid_until is not None and now < offer_valid_until else "expired"
    return "collecting" if now < closes_at else "negotiating"


def missing_details(asked: list[str], details: dict) -> list[str]:
    """The asked details left empty (a number is required for each one the list asks)."""
    return [name for name in asked if details.get(name) is None]
