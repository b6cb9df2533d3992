"""Writes of a group purchase: open it, commit a quantity, change or withdraw it (the database keeps the total)."""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError

from market import gates
from market.extensions import db
from market.forms import strip_invisible
from market.i18n import format_money
from market.purchasing import notices, permissions, rules
from market.purchasing.labels import unit_for
from market.purchasing.models import Commitment, PriceTier, PurchaseGroup
from market.types import utcnow


COMMIT = gates.register_action("purchasing.commit", _l("S'engager dans un achat groupé"), order=30).key


class NotAllowed(PermissionError):
    """The actor may not do this."""


class PurchaseRefused(ValueError):
    """Cannot apply as things are; `by_field`: (form field or None, sentence) pairs for the person."""

    def __init__(self, *reasons, by_field=None):
        self.by_field = list(by_field or [(None, str(r)) for r in reasons])
        self.reasons = [sentence for _name, sentence in self.by_field]
        super().__init__(" ".join(self.reasons))


def clean(text, limit: int) -> str:
    text = strip_invisible(text or "").replace("\r\n", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32).strip()[:limit]


TIER_SENTENCES = {
    "no_tier": lambda: _("Indiquez au moins un palier de prix."),
    "first_not_one": lambda: _("Le premier palier commence à 1 unité."),
    "duplicate_min": lambda: _("Deux paliers commencent à la même quantité."),
    "price_not_falling": lambda: _("Le prix unitaire doit baisser d'un palier au suivant."),
}


def open_group(actor, organization, values: dict, tiers: list[tuple[int, int]]) -> PurchaseGroup:
    """`values`: the group's columns; `tiers`: (from quantity, unit price in cents). Flushes."""
    if not permissions.can_open(actor) or (organization is not None and not permissions.can_act_for(actor, organization)):
        raise NotAllowed()
    if organization is None and not actor.is_coordinator:
        raise NotAllowed()
    problems = [(None, TIER_SENTENCES[c]()) for c in rules.tier_problems([rules.Tier(*t) for t in tiers])]
    if values.get("max_quantity") is not None and values["max_quantity"] < values["min_total"]:
        problems.append(("max_quantity", _("Le stock disponible ne peut pas être inférieur au minimum.")))
    if values["closes_at"] <= utcnow():
        problems.append(("closes_on", _("La date limite doit être dans le futur.")))
    if problems:
        raise PurchaseRefused(by_field=problems)
    text = {name: clean(values.get(name), limit) for name, limit in
            (("title", 140), ("unit", 80), ("description", 5000), ("supplier_name", 140),
             ("supplier_contact", 300), ("fixed_costs_label", 140), ("delivery_plan", 2000))}
    group = PurchaseGroup(**{**values, **text}, organizer_org=organization, created_by=actor, status="open",
                          committed_total=0, created_at=utcnow())
    group.tiers = [PriceTier(min_quantity=m, unit_price_cents=p) for m, p in sorted(tiers)]
    db.session.add(group)
    db.session.flush()
    return group


def lock(group) -> None:
    """Write the group's row first: PostgreSQL locks it until commit, SQLite takes its one write lock.
    Every later read of this transaction sees the latest commitments."""
    try:
        db.session.execute(sa.update(PurchaseGroup).where(PurchaseGroup.id == group.id)
                           .values(committed_total=PurchaseGroup.committed_total))
    except OperationalError as exc:
        raise PurchaseRefused(_("Trop d'engagements au même moment : réessayez dans un instant.")) from exc


def _current(group, organization) -> int:
    return db.session.scalar(sa.select(Commitment.quantity).where(
        Commitment.group_id == group.id, Commitment.organization_id == organization.id)) or 0


def stock_sentence(left: int) -> str:
    if left <= 0:
        return _("Le stock du fournisseur est entièrement réservé : il n'est plus possible de s'engager.")
    return ngettext("Il ne reste qu'%(num)d unité dans le stock du fournisseur.",
                    "Il ne reste que %(num)d unités dans le stock du fournisseur.", left)


def room_for(group, organization) -> int | None:
    """How many units this organisation could hold at most, from what is known now (None: no stock limit)."""
    if group.max_quantity is None:
        return None
    return group.max_quantity - group.committed_total + _current(group, organization)


def commit(actor, group, organization, quantity: int, now: datetime | None = None) -> Commitment | None:
    """Set the organisation's quantity (0 withdraws). The SQL update refuses what the stock cannot hold."""
    if not permissions.can_act_for(actor, organization):
        raise NotAllowed()
    now = now or utcnow()
    if quantity < 0:
        raise PurchaseRefused(by_field=[("quantity", _("Indiquez une quantité positive."))])
    reserved = gates.refusal(COMMIT, actor, organization) if quantity > 0 else None  # withdrawing stays open
    if reserved:
        raise PurchaseRefused(reserved)
    room = room_for(group, organization)
    if room is not None and quantity > room:  # the friendly early word; the database decides below
        raise PurchaseRefused(by_field=[("quantity", stock_sentence(room))])
    lock(group)
    before = db.session.scalar(sa.select(PurchaseGroup.committed_total).where(PurchaseGroup.id == group.id))
    old = _current(group, organization)
    delta = quantity - old
    cap = rules.unit_cap(group.tiers, group.fixed_costs_cents)
    if delta > 0 and cap is not None and before + delta > cap:  # decided under the lock taken above
        raise PurchaseRefused(by_field=[("quantity", _(
            "Cette quantité porterait la commande au-delà de 10 millions d'euros : contactez la coordination."))])
    done = db.session.execute(sa.update(PurchaseGroup).where(
        PurchaseGroup.id == group.id, PurchaseGroup.status == "open", PurchaseGroup.closes_at > now,
        sa.or_(PurchaseGroup.max_quantity.is_(None), PurchaseGroup.committed_total + delta <= PurchaseGroup.max_quantity))
        .values(committed_total=PurchaseGroup.committed_total + delta))
    db.session.expire(group)
    if done.rowcount != 1:
        if group.status != "open" or group.closes_at <= now:
            raise PurchaseRefused(_("Cet achat groupé est clos : les engagements ne sont plus modifiables."))
        raise PurchaseRefused(by_field=[("quantity", stock_sentence(group.max_quantity - before + old))])
    row = db.session.scalar(sa.select(Commitment).where(Commitment.group_id == group.id,
                                                       Commitment.organization_id == organization.id)
                            .execution_options(populate_existing=True))
    if quantity == 0:
        if row is not None:
            db.session.delete(row)
        row = None
    elif row is None:
        row = Commitment(group=group, organization=organization, quantity=quantity, committed_by=actor, updated_at=now)
        db.session.add(row)
    else:
        row.quantity, row.committed_by, row.updated_at = quantity, actor, now
    db.session.flush()
    db.session.expire(group, ["commitments"])
    _tell_new_tier(actor, group, before, before + delta)
    return row


def _tell_new_tier(actor, group, before: int, after: int) -> None:
    reached = rules.tier_rose(group.tiers, before, after)
    if reached is None:
        return
    from market.purchasing.queries import lines
    estimates = {line["organization"].id: line for line in lines(group)}

    def message(user):
        title = _("Achat groupé « %(title)s » : nouveau palier atteint, %(price)s l'unité",
                  title=group.title, price=format_money(reached.unit_price_cents))
        body = [_("%(total)d %(unit)s engagés au total : le prix baisse pour tout le monde.",
                  total=after, unit=unit_for(after, group.unit))]
        body += [_("%(org)s : %(qty)d %(unit)s, environ %(amount)s à ce jour, frais fixes compris.",
                   org=line["organization"].name, qty=line["quantity"], unit=unit_for(line["quantity"], group.unit),
                   amount=format_money(line["total_cents"]))
                 for m in user.memberships if (line := estimates.get(m.organization_id))]
        return title, "\n".join(body)
    notices.tell(notices.everyone(group), group, "purchase_tier", message, actor=actor,
                 event=f"tier-{reached.min_quantity}")
