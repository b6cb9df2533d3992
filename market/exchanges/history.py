"""An organisation's exchanges, given and received: rows for the page, filters, the CSV export."""
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from market.exchanges import rules
from market.exchanges.labels import xlabel
from market.exchanges.models import (AGREEMENT_STATUSES, BOOKING_STATUSES, LOAN_STATUSES, Agreement, Booking,
                                     Conversation, Loan)
from market.extensions import db
from market.spreadsheet import cell

KINDS = ("booking", "loan", "agreement")
DIRECTIONS = ("given", "received")


@dataclass
class Row:
    kind: str
    exchange: object
    direction: str
    partner: str
    status: str
    start: date
    end: date

    @property
    def listing(self):
        return self.exchange.listing

    @property
    def hours(self) -> float | None:
        return self.exchange.minutes / 60 if self.kind == "agreement" else None


def clean_filters(args) -> dict:
    filters = {}
    if args.get("type") in KINDS:
        filters["type"] = args["type"]
    if args.get("sens") in DIRECTIONS:
        filters["sens"] = args["sens"]
    status = args.get("statut", "")
    if status in set(BOOKING_STATUSES) | set(LOAN_STATUSES) | set(AGREEMENT_STATUSES):
        filters["statut"] = status
    for key in ("du", "au"):
        try:
            filters[key] = date.fromisoformat(args.get(key, ""))
        except ValueError:
            pass
    return filters


def _local_day(value) -> date:
    return value.astimezone(rules.PARIS).date() if isinstance(value, datetime) else value


def _rows(model, kind, organization, start_attr, end_attr):
    stmt = sa.select(model).join(Conversation, Conversation.id == model.conversation_id).where(
        sa.or_(Conversation.owner_org_id == organization.id, Conversation.requester_org_id == organization.id))
    for exchange in db.session.scalars(stmt):
        conversation = exchange.conversation
        side = "owner" if conversation.owner_org_id == organization.id else "requester"
        direction = "given" if side == conversation.giver_side else "received"
        yield Row(kind, exchange, direction, conversation.side_name("requester" if side == "owner" else "owner"),
                  exchange.status, _local_day(getattr(exchange, start_attr)), _local_day(getattr(exchange, end_attr)))


def exchanges_of(organization, filters: dict | None = None) -> list[Row]:
    filters = filters or {}
    sources = {"booking": (Booking, "starts_at", "ends_at"), "loan": (Loan, "starts_on", "due_on"),
               "agreement": (Agreement, "scheduled_on", "scheduled_on")}
    rows = []
    for kind, (model, start, end) in sources.items():
        if filters.get("type", kind) == kind:
            rows += _rows(model, kind, organization, start, end)
    rows = [r for r in rows if filters.get("sens", r.direction) == r.direction
            and filters.get("statut", r.status) == r.status
            and ("du" not in filters or r.end >= filters["du"]) and ("au" not in filters or r.start <= filters["au"])]
    return sorted(rows, key=lambda r: (r.start, r.exchange.id), reverse=True)


def totals(rows) -> dict:
    done = [r for r in rows if r.kind == "agreement" and r.status == "done"]
    return {"count": len(rows),
            "given": sum(1 for r in rows if r.direction == "given"),
            "received": sum(1 for r in rows if r.direction == "received"),
            "minutes_given": sum(r.exchange.minutes for r in done if r.direction == "given"),
            "minutes_received": sum(r.exchange.minutes for r in done if r.direction == "received")}


def to_csv(rows) -> str:
    """Semicolon-separated, UTF-8 with BOM: opens as columns in French spreadsheet programs."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Type"), _("Sens"), _("Statut"), _("Annonce"), _("Partenaire"), _("Début"), _("Fin"),
                     _("Quantité"), _("Heures"), _("Caution (€)"), _("Caution")])
    for r in rows:
        ex = r.exchange
        deposit = getattr(ex, "deposit_cents", None)
        writer.writerow([cell(v) for v in (
            xlabel("kind", r.kind), xlabel("direction", r.direction), xlabel(f"{r.kind}_status", r.status), ex.listing.title,
            r.partner, r.start.isoformat(), r.end.isoformat(), getattr(ex, "quantity", ""),
            f"{r.hours:.2f}".replace(".", ",") if r.hours is not None else "",
            f"{deposit / 100:.2f}".replace(".", ",") if deposit else "",
            xlabel("deposit_state", ex.deposit_state) if r.kind == "loan" and ex.deposit_state != "none" else "")])
    return "\ufeff" + out.getvalue()
