"""Pure rules of a group purchase: the tier for a total, the next tier, each member's share, the outcome."""
from dataclasses import dataclass
from datetime import timedelta

from market.splits import largest_remainder

SPLIT_RULES = ("quantity", "equal")


@dataclass(frozen=True)
class Tier:
    min_quantity: int
    unit_price_cents: int


@dataclass(frozen=True)
class Line:
    """One member's order: quantity × unit price, plus its share of the fixed costs."""
    key: object
    quantity: int
    unit_price_cents: int
    goods_cents: int
    fixed_share_cents: int

    @property
    def total_cents(self) -> int:
        return self.goods_cents + self.fixed_share_cents


def sorted_tiers(tiers) -> list[Tier]:
    return sorted((Tier(t.min_quantity, t.unit_price_cents) for t in tiers), key=lambda t: t.min_quantity)


def tier_problems(tiers) -> list[str]:
    """Codes of what is wrong with a list of tiers ([] when they are usable)."""
    tiers = list(tiers)
    if not tiers:
        return ["no_tier"]
    problems = []
    ordered = sorted_tiers(tiers)
    if ordered[0].min_quantity != 1:
        problems.append("first_not_one")
    if len({t.min_quantity for t in ordered}) != len(ordered):
        problems.append("duplicate_min")
    if any(b.unit_price_cents >= a.unit_price_cents for a, b in zip(ordered, ordered[1:])):
        problems.append("price_not_falling")
    return problems


def tier_for(tiers, total: int) -> Tier:
    """The tier reached by a total quantity (the first tier while nothing, or too little, is committed)."""
    ordered = sorted_tiers(tiers)
    reached = ordered[0]
    for tier in ordered:
        if total >= tier.min_quantity:
            reached = tier
    return reached


def next_tier(tiers, total: int) -> tuple[Tier, int] | None:
    """The next tier above the one reached and how many more units unlock it (None at the last tier)."""
    for tier in sorted_tiers(tiers):
        if tier.min_quantity > total and tier.min_quantity > 1:
            return tier, tier.min_quantity - total
    return None


def tier_rose(tiers, before: int, after: int) -> Tier | None:
    """The better tier reached when the total went from `before` to `after` (None if the price did not fall)."""
    old, new = tier_for(tiers, before), tier_for(tiers, after)
    return new if new.min_quantity > old.min_quantity else None


def fixed_shares(fixed_cents: int, rule: str, quantities: list[int]) -> list[int]:
    """The fixed costs split between the participants, by quantity or equally (largest remainder)."""
    if rule not in SPLIT_RULES:
        raise ValueError(f"unknown split rule {rule}")
    if not quantities:
        return []
    weights = quantities if rule == "quantity" else [1] * len(quantities)
    return largest_remainder(fixed_cents, weights)


def order_lines(tiers, fixed_cents: int, rule: str, quantities: dict) -> list[Line]:
    """Every participant's line at the tier the total reaches; their totals add up to `supplier_total`."""
    keys = [k for k, q in quantities.items() if q > 0]
    total = sum(quantities[k] for k in keys)
    price = tier_for(tiers, total).unit_price_cents
    shares = fixed_shares(fixed_cents, rule, [quantities[k] for k in keys])
    return [Line(k, quantities[k], price, quantities[k] * price, share) for k, share in zip(keys, shares)]


MAX_ORDER_CENTS = 1_000_000_000  # 10 million euros: amounts stay far inside the database's integers


def unit_cap(tiers, fixed_cents: int) -> int | None:
    """The most units a group may total so that its order stays within MAX_ORDER_CENTS (None: free units)."""
    first = sorted_tiers(tiers)[0].unit_price_cents
    return max((MAX_ORDER_CENTS - fixed_cents) // first, 0) if first else None


def supplier_total(tiers, fixed_cents: int, total_quantity: int) -> int:
    """What the supplier is owed: the whole quantity at the tier reached, plus the fixed costs."""
    if total_quantity <= 0:
        return 0
    return total_quantity * tier_for(tiers, total_quantity).unit_price_cents + fixed_cents


def estimate(tiers, total: int, quantity: int) -> dict:
    """A participant's estimated cost at today's tier (fixed costs aside) and the saving on the first tier."""
    first, now = sorted_tiers(tiers)[0], tier_for(tiers, total)
    return {"cost_cents": quantity * now.unit_price_cents,
            "saving_cents": quantity * (first.unit_price_cents - now.unit_price_cents)}


def group_saving(tiers, total: int) -> int:
    """What the whole group saves against everyone buying at the first-tier price."""
    return estimate(tiers, total, total)["saving_cents"]


DECISION_DAYS = 7  # after a deadline missed below the minimum, the organiser has this long to extend


def decision_deadline(closes_at):
    """When a group short of its minimum is cancelled if its organiser has not extended it."""
    return closes_at + timedelta(days=DECISION_DAYS)


def outcome_at_deadline(total: int, minimum: int, extended: bool) -> str:
    """"confirmed" when the minimum is reached; below it, "short" (the organiser may extend once) or "cancelled"."""
    if total >= minimum and total > 0:
        return "confirmed"
    return "cancelled" if extended else "short"
