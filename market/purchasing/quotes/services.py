"""Writes of a purchase on quotation: open the list, register or withdraw an interest, publish the offer, answer it."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import format_date, gettext as _
from sqlalchemy.exc import IntegrityError

from market.extensions import db
from market.purchasing import notices, permissions
from market.purchasing.quotes import rules
from market.purchasing.quotes.models import DETAILS, Interest, InterestList
from market.purchasing.services import NotAllowed, PurchaseRefused, clean
from market.types import utcnow

MAX_DETAIL = 1_000_000


def open_list(actor, organization, values: dict) -> InterestList:
    """`values`: title, description, asks_employees/vehicles/premises_m2, closes_at. Flushes."""
    if not permissions.can_open(actor) or (organization is not None and not permissions.can_act_for(actor, organization)):
        raise NotAllowed()
    if organization is None and not actor.is_coordinator:
        raise NotAllowed()
    if values["closes_at"] <= utcnow():
        raise PurchaseRefused(by_field=[("closes_on", _("La date limite doit être dans le futur."))])
    item = InterestList(title=clean(values["title"], 140), description=clean(values.get("description"), 5000),
                        asks_employees=bool(values.get("asks_employees")),
                        asks_vehicles=bool(values.get("asks_vehicles")),
                        asks_premises_m2=bool(values.get("asks_premises_m2")), closes_at=values["closes_at"],
                        organizer_org=organization, created_by=actor, status="collecting", created_at=utcnow())
    db.session.add(item)
    db.session.flush()
    return item


def phase(item: InterestList, now: datetime | None = None) -> str:
    return rules.phase(item.status, item.closes_at, item.offer_valid_until, now or utcnow())


def interest_of(item: InterestList, organization) -> Interest | None:
    return db.session.scalar(sa.select(Interest).where(Interest.list_id == item.id,
                                                       Interest.organization_id == organization.id))


def _details(item: InterestList, details: dict) -> dict:
    """The asked details as whole numbers; the others are not kept."""
    problems = []
    for name in rules.missing_details(item.asked, details):
        problems.append((name, _("Indiquez ce nombre (0 s'il n'y en a pas).")))
    for name in item.asked:
        value = details.get(name)
        if value is not None and not 0 <= value <= MAX_DETAIL:
            problems.append((name, _("Indiquez un nombre entre 0 et %(max)d.", max=MAX_DETAIL)))
    if problems:
        raise PurchaseRefused(by_field=problems)
    return {name: details.get(name) if name in item.asked else None for name in DETAILS}


def register(actor, item: InterestList, organization, details: dict, note: str = "",
             now: datetime | None = None, *, new_only: bool = False) -> Interest:
    """Put the organisation on the list with its details, or update them, while interests are collected."""
    if not permissions.can_act_for(actor, organization):
        raise NotAllowed()
    now = now or utcnow()
    if phase(item, now) != "collecting":
        raise PurchaseRefused(_("La liste des structures intéressées est close."))
    values = {**_details(item, details), "note": clean(note, 2000), "registered_by_id": actor.id, "updated_at": now}
    row = interest_of(item, organization)
    if row is not None and new_only:
        raise PurchaseRefused(_("Cette structure est déjà sur la liste : modifiez son inscription."))
    if row is None:
        row = Interest(list_id=item.id, organization_id=organization.id, **values)
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError as exc:  # the same organisation registered a moment ago, from another window
            raise PurchaseRefused(_("Cette structure vient d'être inscrite : rechargez la page.")) from exc
        db.session.expire(item, ["interests"])
    else:
        for name, value in values.items():
            setattr(row, name, value)
        db.session.flush()
    return row


def withdraw(actor, interest: Interest, now: datetime | None = None) -> None:
    if not permissions.can_act_for(actor, interest.organization):
        raise NotAllowed()
    if phase(interest.interest_list, now) != "collecting":
        raise PurchaseRefused(_("La liste est close : répondez à l'offre pour la décliner."))
    db.session.expire(interest.interest_list, ["interests"])  # no stale collection left holding the row
    db.session.delete(interest)
    db.session.flush()


def publish_offer(actor, item: InterestList, supplier: str, text: str, terms: str, valid_until: datetime,
                  now: datetime | None = None) -> InterestList:
    """The negotiated offer, once: registrations close, every interested member is told and may answer."""
    if not permissions.can_manage(actor, item):
        raise NotAllowed()
    now = now or utcnow()
    if item.status != "collecting":
        raise PurchaseRefused(_("L'offre est déjà publiée, ou la demande est annulée."))
    problems = [(name, sentence()) for name, value, sentence in (
        ("supplier", supplier, lambda: _("Indiquez le fournisseur.")),
        ("text", text, lambda: _("Décrivez l'offre négociée.")),
        ("terms", terms, lambda: _("Indiquez le prix et les conditions."))) if not clean(value, 5000)]
    if valid_until <= now:
        problems.append(("valid_on", _("La date de validité doit être dans le futur.")))
    elif valid_until > now + timedelta(days=366):
        problems.append(("valid_on", _("La date de validité doit être dans l'année.")))
    if problems:
        raise PurchaseRefused(by_field=problems)
    done = db.session.execute(sa.update(InterestList).where(
        InterestList.id == item.id, InterestList.status == "collecting").values(
        status="offered", offer_supplier=clean(supplier, 140), offer_text=clean(text, 5000),
        offer_terms=clean(terms, 2000), offer_valid_until=valid_until, offer_published_at=now))
    db.session.expire(item)
    if done.rowcount != 1:
        raise PurchaseRefused(_("L'offre est déjà publiée, ou la demande est annulée."))
    notices.tell(notices.participants_of(item.interests), item, "purchase_offer", lambda user: (
        _("Offre publiée : « %(title)s »", title=item.title),
        _("%(supplier)s : %(terms)s. Acceptez ou déclinez l'offre avant la fin du %(date)s.",
          supplier=item.offer_supplier, terms=item.offer_terms, date=format_date(item.offer_last_day, "long"))),
        actor=actor, event="offer")
    return item


def answer(actor, interest: Interest, accepted: bool, now: datetime | None = None) -> Interest:
    """Accept or decline the published offer (the answer may change while the offer is valid)."""
    if not permissions.can_act_for(actor, interest.organization):
        raise NotAllowed()
    now = now or utcnow()
    current = phase(interest.interest_list, now)
    if current != "offered":
        raise PurchaseRefused(_("L'offre n'est plus valable.") if current == "expired" else
                              _("Aucune offre n'est ouverte aux réponses."))
    interest.answer, interest.answered_by_id, interest.answered_at = ("accepted" if accepted else "declined",
                                                                       actor.id, now)
    db.session.flush()
    return interest


def cancel(actor, item: InterestList, now: datetime | None = None) -> InterestList:
    if not permissions.can_manage(actor, item):
        raise NotAllowed()
    now = now or utcnow()
    done = db.session.execute(sa.update(InterestList).where(
        InterestList.id == item.id, InterestList.status.in_(("collecting", "offered"))).values(
        status="cancelled", cancelled_at=now))
    db.session.expire(item)
    if done.rowcount != 1:
        raise PurchaseRefused(_("Cette demande est déjà annulée."))
    notices.tell(notices.participants_of(item.interests), item, "purchase_quote_cancelled", lambda user: (
        _("Achat sur devis « %(title)s » annulé", title=item.title),
        _("L'organisateur a annulé cette demande : aucune offre ne sera souscrite par le réseau.")),
        actor=actor, event="cancelled")
    return item
