"""Pure rules of the ressourcerie: categories and weights, CO₂e factors, who may do what, impact sums."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

CATEGORIES = ("mobilier", "informatique", "fournitures", "sport", "cuisine", "textile", "evenementiel", "autre")
CONDITIONS = ("comme_neuf", "bon_etat", "usage", "pour_pieces")
# How a batch is given: in the order of reservations, or the giver collects requests then chooses.
RULES = ("first", "choice")

# Estimated weight of one item when the giver did not weigh it, in grams.
DEFAULT_UNIT_WEIGHT_G = {"mobilier": 8000, "informatique": 2500, "fournitures": 500, "sport": 2000,
                         "cuisine": 1500, "textile": 500, "evenementiel": 5000, "autre": 1000}

# CO₂e avoided per kilo reused instead of bought new, in tenths of kg CO₂e per kg (= tenths of g per g).
# ONE table, each factor with its source and year. These are orders of magnitude taken from the ADEME
# figures per item type (Impact CO₂, impactco2.fr, and Base Empreinte), read in 2024: the network should
# check them against the current ADEME release before quoting them in its annual report.
CO2E_FACTORS = {
    "informatique": (600, "ADEME Impact CO₂ — ordinateur portable ≈ 150 kg CO₂e pour ≈ 2,5 kg, 2024"),
    "mobilier": (20, "ADEME Base Empreinte — mobilier bois et métal ≈ 2 kg CO₂e/kg, 2024"),
    "textile": (200, "ADEME Impact CO₂ — vêtements ≈ 20 kg CO₂e/kg, 2024"),
    "fournitures": (30, "ADEME Base Empreinte — papier et plastique de bureau ≈ 3 kg CO₂e/kg, 2024"),
    "sport": (50, "ADEME Base Empreinte — articles de sport ≈ 5 kg CO₂e/kg, 2024"),
    "cuisine": (50, "ADEME Base Empreinte — petit électroménager et vaisselle ≈ 5 kg CO₂e/kg, 2024"),
    "evenementiel": (40, "ADEME Base Empreinte — matériel métal et textile technique ≈ 4 kg CO₂e/kg, 2024"),
    "autre": (20, "ADEME Base Empreinte — valeur prudente par défaut ≈ 2 kg CO₂e/kg, 2024"),
}

# What each side may do to a reservation, by the status of its hold in market.places.
ACTIONS = {
    ("cancel", "holder"): {"HELD", "OFFERED", "WAITING"},
    ("cancel", "donor"): {"HELD", "OFFERED", "WAITING"},
    ("confirm", "holder"): {"OFFERED"},
    ("hand_over", "donor"): {"HELD"},
    ("allocate", "donor"): {"WAITING"},  # only in a batch whose giver chooses (permissions.can)
}
ACTIVE = ("HELD", "OFFERED", "WAITING")


def may(action: str, status: str, role: str | None) -> bool:
    """Whether `role` ("holder", "donor" or None) may apply `action` to a reservation in `status`."""
    return role is not None and status in ACTIONS.get((action, role), set())


def unit_weight_g(category: str, weighed_g: int | None) -> tuple[int, bool]:
    """(grams per item, weighed?): the weight typed, else the category's estimate."""
    if weighed_g:
        return weighed_g, True
    return DEFAULT_UNIT_WEIGHT_G.get(category, DEFAULT_UNIT_WEIGHT_G["autre"]), False


def collecting(requests_until: date | None, today: date) -> bool:
    """Whether a "je choisis" batch still takes requests: until the end of its day (Paris)."""
    return requests_until is None or today <= requests_until


def may_allocate(requests_until: date | None, today: date) -> bool:
    """The giver allocates once the requests are closed: everyone had until the day announced."""
    return requests_until is None or today > requests_until


def covers(terms: frozenset, wanted: list[set]) -> bool:
    """Whether a batch's terms answer every word searched (each word: its own terms, one of which suffices)."""
    return all(word & terms for word in wanted)


def quantity_refusal(requested: int, available_total: int, max_per_member: int | None,
                     already: int = 0) -> str | None:
    """Why `requested` items cannot be asked for ("too_few", "over_max", "over_total"), or None.

    `already`: items the same member (structure, or person acting alone) reserved or received from this batch."""
    if requested < 1:
        return "too_few"
    if max_per_member and already + requested > max_per_member:
        return "over_max"
    if requested > available_total:
        return "over_total"
    return None


def co2e_g(category: str, weight_g: int) -> int:
    """Grams of CO₂e avoided by reusing `weight_g` grams of this category (signed: corrections subtract)."""
    tenths = CO2E_FACTORS.get(category, CO2E_FACTORS["autre"])[0]
    sign = -1 if weight_g < 0 else 1
    return sign * (abs(weight_g) * tenths // 10)


@dataclass
class Totals:
    items: int = 0
    weight_g: int = 0
    co2e_g: int = 0

    def add(self, quantity: int, weight_g: int, co2e: int) -> None:
        self.items += quantity
        self.weight_g += weight_g
        self.co2e_g += co2e


def impact(entries) -> dict:
    """Sums of handover entries, each a dict with category, month ('2026-12'), giver, receiver, quantity,
    weight_g: {"total": Totals, "category": {...}, "month": {...}, "giver": {...}, "receiver": {...}}."""
    out = {"total": Totals(), **{axis: defaultdict(Totals) for axis in ("category", "month", "giver", "receiver")}}
    for entry in entries:
        co2e = co2e_g(entry["category"], entry["weight_g"])
        out["total"].add(entry["quantity"], entry["weight_g"], co2e)
        for axis in ("category", "month", "giver", "receiver"):
            out[axis][entry[axis]].add(entry["quantity"], entry["weight_g"], co2e)
    return {k: (dict(sorted(v.items())) if isinstance(v, defaultdict) else v) for k, v in out.items()}


def kilos(weight_g: int) -> str:
    """'12,5' for 12 500 g (one decimal, French comma)."""
    return f"{weight_g / 1000:.1f}".replace(".", ",")
