"""Reads of group purchases: the lists, one group's live figures, a person's commitments and groups."""
import sqlalchemy as sa

from market.extensions import db
from market.purchasing import permissions, rules
from market.purchasing.models import Adjustment, Commitment, PurchaseGroup


def groups(status: str | None = "open") -> list[PurchaseGroup]:
    stmt = sa.select(PurchaseGroup).order_by(PurchaseGroup.closes_at, PurchaseGroup.id)
    if status == "open":
        stmt = stmt.where(PurchaseGroup.status == "open")
    else:
        stmt = stmt.where(PurchaseGroup.status != "open").order_by(None).order_by(PurchaseGroup.closes_at.desc())
    return list(db.session.scalars(stmt.limit(200)))


def figures(group) -> dict:
    """What the page shows now: total, tier reached, unit price, units to the next tier, the supplier's total."""
    total = group.committed_total
    tier = rules.tier_for(group.tiers, total)
    upcoming = rules.next_tier(group.tiers, total)
    return {"total": total, "tier": tier, "tier_number": [t.min_quantity for t in rules.sorted_tiers(group.tiers)]
            .index(tier.min_quantity) + 1, "next": upcoming, "first": rules.sorted_tiers(group.tiers)[0],
            "reached_minimum": total >= group.min_total, "left": (group.max_quantity - total
                                                                  if group.max_quantity is not None else None),
            "supplier_total": rules.supplier_total(group.tiers, group.fixed_costs_cents, total),
            "saving": rules.group_saving(group.tiers, total)}


def lines(group) -> list[dict]:
    """Each participant's line: frozen amounts once confirmed, today's estimate before."""
    commitments = list(group.commitments)
    if group.status == "confirmed":
        return [{"commitment": c, "organization": c.organization, "quantity": c.quantity,
                 "unit_price_cents": c.unit_price_cents, "goods_cents": c.goods_cents,
                 "fixed_share_cents": c.fixed_share_cents, "total_cents": c.final_cents,
                 "adjustments_cents": adjustments_total(group, c.organization_id)} for c in commitments]
    computed = rules.order_lines(group.tiers, group.fixed_costs_cents, group.split_rule,
                                 {c.id: c.quantity for c in commitments})
    by_id = {line.key: line for line in computed}
    return [{"commitment": c, "organization": c.organization, "quantity": c.quantity,
             "unit_price_cents": by_id[c.id].unit_price_cents, "goods_cents": by_id[c.id].goods_cents,
             "fixed_share_cents": by_id[c.id].fixed_share_cents, "total_cents": by_id[c.id].total_cents,
             "adjustments_cents": 0} for c in commitments]


def adjustments(group) -> list[Adjustment]:
    return list(db.session.scalars(sa.select(Adjustment).where(Adjustment.group_id == group.id).order_by(Adjustment.id)))


def adjustments_total(group, organization_id) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Adjustment.amount_cents), 0)).where(
        Adjustment.group_id == group.id, Adjustment.organization_id == organization_id))


def commitment_of(group, organization) -> Commitment | None:
    return next((c for c in group.commitments if c.organization_id == organization.id), None)


def my_commitments(user) -> list[Commitment]:
    org_ids = [o.id for o in user.organizations]
    if not org_ids:
        return []
    return list(db.session.scalars(sa.select(Commitment).join(PurchaseGroup).where(
        Commitment.organization_id.in_(org_ids)).order_by(PurchaseGroup.closes_at.desc()).limit(50)))


def organised_by(user) -> list[PurchaseGroup]:
    org_ids = [o.id for o in user.organizations]
    stmt = sa.select(PurchaseGroup).where(sa.or_(PurchaseGroup.created_by_id == user.id,
                                                 PurchaseGroup.organizer_org_id.in_(org_ids or [-1])))
    return [g for g in db.session.scalars(stmt.order_by(PurchaseGroup.closes_at.desc()).limit(50))
            if permissions.can_manage(user, g)]
