"""The deadline of a group purchase: confirm at the tier reached and freeze the amounts, extend once, cancel."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import format_date, gettext as _

from market.extensions import db
from market.i18n import format_money
from market.purchasing import notices, permissions, rules
from market.purchasing.labels import unit_for
from market.purchasing.models import Adjustment, PurchaseGroup
from market.purchasing.services import NotAllowed, PurchaseRefused, clean, lock
from market.types import utcnow


def _move(group, from_statuses, **values) -> bool:
    """One conditional UPDATE: only the first of two runs (cron twice, the organiser and cron) moves it."""
    done = db.session.execute(sa.update(PurchaseGroup).where(
        PurchaseGroup.id == group.id, PurchaseGroup.status.in_(from_statuses)).values(**values))
    db.session.expire(group)
    return done.rowcount == 1


def close_group(group, now: datetime | None = None) -> str | None:
    """At the deadline: "confirmed", "short" or "cancelled"; None when someone else already closed it."""
    now = now or utcnow()
    lock(group)
    total = db.session.scalar(sa.select(PurchaseGroup.committed_total).where(PurchaseGroup.id == group.id))
    outcome = rules.outcome_at_deadline(total, group.min_total, group.extended)
    if not _move(group, ("open",), status=outcome, closed_at=None if outcome == "short" else now):
        return None
    if outcome == "confirmed":
        _freeze(group)
    _tell_outcome(group, outcome)
    return outcome


def _freeze(group) -> None:
    commitments = list(group.commitments)
    lines = rules.order_lines(group.tiers, group.fixed_costs_cents, group.split_rule,
                              {c.id: c.quantity for c in commitments})
    by_id = {line.key: line for line in lines}
    for c in commitments:
        line = by_id[c.id]
        c.unit_price_cents, c.goods_cents, c.fixed_share_cents = line.unit_price_cents, line.goods_cents, line.fixed_share_cents
    group.final_unit_price_cents = lines[0].unit_price_cents if lines else None
    db.session.flush()


def _tell_outcome(group, outcome: str) -> None:
    if outcome == "confirmed":
        amounts = {c.organization_id: c for c in group.commitments}

        def message(user):
            title = _("Achat groupé « %(title)s » confirmé à %(price)s l'unité", title=group.title,
                      price=format_money(group.final_unit_price_cents))
            lines = [_("%(org)s : %(qty)d %(unit)s, %(amount)s à régler", org=c.organization.name, qty=c.quantity,
                       unit=unit_for(c.quantity, group.unit), amount=format_money(c.final_cents))
                     for m in user.memberships if (c := amounts.get(m.organization_id))]
            return title, "\n".join(lines)
        notices.tell(notices.everyone(group), group, "purchase_confirmed", message, event="closed")
    elif outcome == "cancelled":
        notices.tell(notices.everyone(group), group, "purchase_cancelled", lambda user: (
            _("Achat groupé « %(title)s » annulé", title=group.title),
            _("Le minimum de %(min)d %(unit)s n'a pas été atteint.", min=group.min_total,
              unit=unit_for(group.min_total, group.unit))),
            event="closed")
    else:
        until = format_date(group.decision_last_day, "long")
        organisers = notices.organisers(group)
        notices.tell(organisers, group, "purchase_short", lambda user: (
            _("Achat groupé « %(title)s » : minimum non atteint", title=group.title),
            _("Vous pouvez prolonger une fois la date limite, ou annuler l'achat. Sans décision d'ici la fin du "
              "%(date)s, l'achat sera annulé et chacun prévenu.", date=until)), event="short")
        notices.tell([u for u in notices.participants(group) if u not in organisers], group, "purchase_short", lambda user: (
            _("Achat groupé « %(title)s » : minimum non atteint", title=group.title),
            _("L'organisateur peut prolonger la date limite une fois, et vous pourrez alors modifier ou retirer "
              "votre engagement ; sans décision d'ici la fin du %(date)s, l'achat sera annulé.", date=until)), event="short")


def _lapse(group, now: datetime) -> bool:
    """A group short of its minimum whose organiser did not extend in time: cancelled, everyone told."""
    if not _move(group, ("short",), status="cancelled", closed_at=now):
        return False
    notices.tell(notices.everyone(group), group, "purchase_cancelled", lambda user: (
        _("Achat groupé « %(title)s » annulé", title=group.title),
        _("Le minimum n'a pas été atteint et la date limite n'a pas été prolongée : aucune commande ne sera passée.")),
        event="closed")
    return True


def close_due(now: datetime | None = None) -> dict:
    """Every open group past its deadline (run by cron; twice in a row gives one outcome, one notice each)."""
    now = now or utcnow()
    ids = db.session.scalars(sa.select(PurchaseGroup.id).where(
        PurchaseGroup.status == "open", PurchaseGroup.closes_at <= now).order_by(PurchaseGroup.id)).all()
    counts = {"confirmed": 0, "short": 0, "cancelled": 0}
    for group_id in ids:
        outcome = close_group(db.session.get(PurchaseGroup, group_id), now)
        if outcome:
            counts[outcome] += 1
    undecided = db.session.scalars(sa.select(PurchaseGroup).where(
        PurchaseGroup.status == "short", PurchaseGroup.closes_at <= now - timedelta(days=rules.DECISION_DAYS))
        .order_by(PurchaseGroup.id)).all()
    for group in undecided:
        if _lapse(group, now):
            counts["cancelled"] += 1
    return counts


def close_now(actor, group) -> str:
    """The organiser closes before the date, once the minimum is reached."""
    if not permissions.can_manage(actor, group):
        raise NotAllowed()
    if group.status != "open":
        raise PurchaseRefused(_("Cet achat groupé est déjà clos."))
    if group.committed_total < group.min_total:
        raise PurchaseRefused(_("Le minimum n'est pas atteint : attendez la date limite, ou annulez l'achat."))
    outcome = close_group(group)
    if outcome is None:
        raise PurchaseRefused(_("Cet achat groupé est déjà clos."))
    return outcome


def extend(actor, group, closes_at: datetime) -> PurchaseGroup:
    """Once, after a deadline missed below the minimum: members are told and may withdraw."""
    if not permissions.can_manage(actor, group):
        raise NotAllowed()
    if group.status != "short" or group.extended:
        raise PurchaseRefused(_("La date limite ne peut être prolongée qu'une fois, après un minimum non atteint."))
    if closes_at <= utcnow():
        raise PurchaseRefused(by_field=[("closes_on", _("La date limite doit être dans le futur."))])
    if not _move(group, ("short",), status="open", extended=True, closes_at=closes_at):
        raise PurchaseRefused(_("Cet achat groupé a changé entre-temps : rechargez la page."))
    notices.tell(notices.participants(group), group, "purchase_extended", lambda user: (
        _("Achat groupé « %(title)s » prolongé", title=group.title),
        _("Le minimum n'était pas atteint : la date limite est reportée. Vous pouvez modifier ou retirer votre engagement.")),
        actor=actor, event="extended")
    return group


def cancel(actor, group) -> PurchaseGroup:
    if not permissions.can_manage(actor, group):
        raise NotAllowed()
    if not _move(group, ("open", "short"), status="cancelled", closed_at=utcnow()):
        raise PurchaseRefused(_("Cet achat groupé est déjà clos."))
    notices.tell(notices.everyone(group), group, "purchase_cancelled", lambda user: (
        _("Achat groupé « %(title)s » annulé", title=group.title),
        _("L'organisateur a annulé cet achat : aucune commande ne sera passée.")), actor=actor, event="closed")
    return group


def adjust(actor, group, organization, amount_cents: int, reason: str) -> Adjustment:
    """A correction after closing: a new line with who and why; the frozen figures stay as they were."""
    if not permissions.can_manage(actor, group):
        raise NotAllowed()
    if group.status != "confirmed":
        raise PurchaseRefused(_("Une correction ne s'ajoute qu'à un achat confirmé."))
    if organization.id not in {c.organization_id for c in group.commitments}:
        raise PurchaseRefused(by_field=[("organization", _("Cette structure ne participe pas à l'achat."))])
    reason = clean(reason, 2000)
    if not reason or amount_cents == 0:
        raise PurchaseRefused(by_field=[("amount" if reason else "reason",
                                         _("Indiquez le montant et la raison de la correction."))])
    line = Adjustment(group_id=group.id, organization=organization, amount_cents=amount_cents, reason=reason,
                      made_by=actor, made_at=utcnow())
    db.session.add(line)
    db.session.flush()
    return line
