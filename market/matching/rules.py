"""The match score between two listings: one pure function, its weights and its plain-French reasons."""
import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from market.geo import Commune, distance_km
from market.matching.text import GENERIC, TYPE_MARK, text_facts as facts_words, tokens, type_name  # noqa: F401

# The weights, in one place. Relevance (what is asked vs what is given) decides most: a sound
# system 40 km away is still more useful than a chair next door. Terms come next: a need that says
# "gratuit" still sees a paid offer, below the free ones. Distance matters ("a loan of chairs is
# worth it at 10 km, rarely at 60 km"); dates mostly act as a filter; freshness breaks ties.
WEIGHTS = {"text": 0.35, "domain": 0.20, "distance": 0.15, "dates": 0.05, "terms": 0.20, "freshness": 0.05}
NEUTRAL = 0.5  # an unknown fact (no coordinates, no dates, no domain) is neither good nor bad
ALERT_THRESHOLD = 0.55  # owners are alerted about a new listing scoring at least this
MIN_TEXT = 0.15  # below this (and without the same domain/type) two things are not the same thing
GENERIC_WEIGHT = 0.1  # "portable", "grand", "salle": a shared qualifier says little
DESCRIPTION_WEIGHT = 0.5  # a word in the description counts half a word of the title or tags
# How far a listing travels when its owner said nothing (listings carry no radius of their own);
# a volunteer's own radius (profile) wins. Skills travel further: a meeting, a phone call.
DEFAULT_RADIUS_KM = {"equipment": 30, "premises": 30, "skill": 50, "volunteering": 30}
FRESH_DAYS = 30  # freshness halves every 30 days since publication

# How well an offer's terms answer a need's, 0..1 (a preference: never a filter).
TERMS_FIT = {("free", "free"): 1.0, ("free", "loan"): 1.0, ("free", "exchange"): 0.6,
             ("loan", "free"): 1.0, ("loan", "loan"): 1.0, ("loan", "exchange"): 0.6,
             ("exchange", "exchange"): 1.0, ("exchange", "free"): 1.0, ("exchange", "loan"): 1.0,
             ("rent", "rent"): 0.8, ("rent", "free"): 1.0, ("rent", "loan"): 1.0, ("rent", "exchange"): 0.7,
             ("rent", "sale"): 0.3, ("sale", "sale"): 0.8, ("sale", "free"): 1.0, ("sale", "loan"): 0.5,
             ("sale", "exchange"): 0.6, ("sale", "rent"): 0.4}
PAID_FIT = 0.2  # a need for something free meeting a rent or a sale: shown, below the free ones

# Words and types that reveal a skill domain when the listing did not choose one.
DOMAIN_WORDS = {
    "legal": "juriste juridique droit statuts avocat contrat reglement @juridique",
    "accounting": "comptable comptabilite bilan tresorerie paie budget @comptabilite",
    "communication": "communication graphiste graphisme affiche logo flyer @graphisme",
    "it": "informatique ordinateur logiciel reseau internet numerique @ordinateur @site web",
    "technical": "bricolage electricite plomberie reparation maintenance technique @electricite @espaces verts",
    "fundraising": "subvention financement mecenat @subventions",
}


def _domain_terms(spec: str) -> frozenset:
    plain, *types = spec.split("@")
    return tokens(plain) | {TYPE_MARK + t.strip() for t in types}


DOMAIN_TERMS = {domain: _domain_terms(spec) for domain, spec in DOMAIN_WORDS.items()}


class Reason:
    """A reason in plain French, translated when shown (works without a request: then in French)."""

    def __init__(self, msgid: str, **params):
        self.msgid, self.params = msgid, params

    def __str__(self):
        params = dict(self.params)
        try:
            from flask_babel import gettext
            if "domain" in params:
                from market.labels import label
                params["domain"] = label("skill_domain", params["domain"]).lower()
            for key in ("price", "budget"):
                if isinstance(params.get(key), int):
                    from market.i18n import format_money
                    params[key] = format_money(params[key])
            return gettext(self.msgid, **params)
        except RuntimeError:  # no request (a bare script): the French msgid, codes untranslated
            return self.msgid % params

    def __eq__(self, other):
        return isinstance(other, Reason) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self):
        return hash(self.msgid)

    def __repr__(self):
        return f"Reason({self.msgid!r}, {self.params!r})"


def _l(msgid: str, **params) -> Reason:  # the name pybabel extracts (-k _l)
    return Reason(msgid, **params)


@dataclass(frozen=True)
class Facts:
    """What the score needs to know about one listing (built by candidates.facts)."""
    id: int
    kind: str
    category: str
    owner: str  # "org:3" or "user:7": a listing never matches its owner's own listings
    words: frozenset[str] = frozenset()  # title + tags + description
    keys: frozenset[str] = frozenset()  # title + tags
    terms: str = "free"
    price_cents: int | None = None
    skill_domain: str | None = None
    remote: bool | None = None
    commune: Commune | None = None
    commune_code: str = ""
    radius_km: int | None = None  # a volunteer's radius; None: DEFAULT_RADIUS_KM
    available_from: date | None = None
    available_until: date | None = None
    published_at: datetime | None = None
    capacity: int | None = None
    spelt: tuple = ()  # (term, word as written) for the title and tags: for reasons
    types: tuple = ()  # types named in the title, then the tags ("@sono"): the first is the thing itself


@dataclass(frozen=True)
class Idf:
    """How rare each term is among the published listings (BM25's idf): rare terms weigh more."""
    documents: int = 0
    frequency: dict = field(default_factory=dict)
    # weights worked out so far: a term's weight is asked hundreds of times per ranking
    known: dict = field(default_factory=dict, compare=False, repr=False)

    def weight(self, term: str) -> float:
        found = self.known.get(term)
        if found is None:
            df = self.frequency.get(term, 0)
            base = math.log(1 + (self.documents - df + 0.5) / (df + 0.5)) if self.documents else 1.0
            found = self.known[term] = max(base, 0.05) * (GENERIC_WEIGHT if term in GENERIC else 1.0)
        return found


NO_IDF = Idf()


@dataclass
class Match:
    score: float
    reasons: list = field(default_factory=list)
    distance_km: float | None = None


def domain_of(facts: Facts) -> str | None:
    """The skill domain chosen ("other" included), or guessed from the words when none was chosen."""
    if facts.skill_domain:
        return facts.skill_domain
    if facts.category != "skill":
        return None
    found = [d for d, terms in DOMAIN_TERMS.items() if terms & facts.keys] or \
        [d for d, terms in DOMAIN_TERMS.items() if terms & facts.words]
    return found[0] if len(found) == 1 else None


def complementary(source: Facts, other: Facts) -> bool:
    return (source.kind != other.kind and source.category == other.category
            and source.owner != other.owner and source.id != other.id)


def score(source: Facts, other: Facts, now: datetime, idf: Idf = NO_IDF, explain: bool = True) -> Match | None:
    """How well `other` answers `source` (either may be the need), 0..1 with reasons; None: no match.

    The hard filters are the ones a member never wants broken: the category and kind, their own
    listings, beyond the radius, dates that cannot meet, different things (types, domains).
    `explain=False`: the same score without its reasons (a ranking explains only the ones it shows).
    """
    if not complementary(source, other) or _different_equipment(source, other):
        return None
    need, offer = (source, other) if source.kind == "need" else (other, source)
    reasons = []
    distance, dist_part = _distance(source, other, reasons)
    if dist_part is None:
        return None
    dates = _dates(need, offer, reasons)
    if dates is None:
        return None
    text, shared = text_relevance(need, offer, idf, explain)
    domain = _domain(source, other, reasons, text)
    if domain is None:
        return None
    if text < MIN_TEXT and domain < 1.0:
        return None  # not the same thing: a projector is no answer to a need for chairs (the fallback
        # block shows the listings of the same category nearby, said as such)
    if shared and not any(r.msgid.startswith("même type") for r in reasons):
        reasons.insert(1 if reasons and reasons[0].msgid.startswith("même") else 0,
                       _l("mots communs : %(words)s", words=", ".join(shared)))
    terms = _terms(need, offer, reasons if source.category != "volunteering" else [])
    parts = {"text": text, "domain": domain, "distance": dist_part, "dates": dates, "terms": terms,
             "freshness": _freshness(other.published_at, now)}
    total = sum(WEIGHTS[name] * value for name, value in parts.items())
    return Match(round(min(1.0, max(0.0, total)), 3), _ordered(reasons) if explain else [], distance)


def _ordered(reasons: list) -> list:
    """What it is first (type, domain, words), then terms and price, then distance and dates."""
    def rank(reason):
        if reason.msgid.startswith(("même", "mots", "capacité")):
            return 0
        return 2 if reason.msgid.startswith(("à ", "dans la même", "disponible")) else 1
    return sorted(reasons, key=rank)  # stable: the order within a group stays


def text_relevance(need: Facts, offer: Facts, idf: Idf = NO_IDF, explain: bool = True) -> tuple[float, list[str]]:
    """(0..1, shared words as the need wrote them): how much of the need's words the offer covers,
    each weighed by its rarity (idf), title and tags above the description, qualifiers far below.
    Without a shared word of a title or tags that is not a qualifier, at most just below MIN_TEXT.
    `explain=False`: the same value, without the words (the costlier half)."""
    if not need.words:
        return 0.0, []

    shared = need.words & offer.words
    if not shared:
        return 0.0, []
    weight, keys, offer_keys = idf.weight, need.keys, offer.keys
    total = _need_weight(need, idf)
    hit = sum(weight(t) * (1.0 if t in keys else DESCRIPTION_WEIGHT) * (1.0 if t in offer_keys else DESCRIPTION_WEIGHT)
              for t in shared)
    value = min(1.0, 2.0 * hit / total) if total else 0.0
    strong = [t for t in shared if t not in GENERIC and (t in keys or t in offer_keys)]
    if not strong:
        value = min(value, MIN_TEXT * 0.9)
    if not explain:
        return round(value, 3), []
    written = dict(need.spelt) | {k: v for k, v in offer.spelt if k not in dict(need.spelt)}
    order = {t: i for i, (t, _w) in enumerate(need.spelt + offer.spelt)}
    words = sorted((t for t in strong if not t.startswith(TYPE_MARK) and t in written),
                   key=lambda t: (-idf.weight(t), order.get(t, 0)))  # rarest first, then as written
    return round(value, 3), list(dict.fromkeys(written[t] for t in words))[:3]


def _need_weight(need: Facts, idf: Idf) -> float:
    """The weight of all the need's words (the same for every candidate of a ranking: worked out once)."""
    key = ("need", need.words, need.keys)
    total = idf.known.get(key)
    if total is None:
        total = idf.known[key] = sum(idf.weight(t) * (1.0 if t in need.keys else DESCRIPTION_WEIGHT)
                                     for t in need.words)
    return total


def _terms(need: Facts, offer: Facts, reasons: list) -> float:
    """A preference, never a filter: the price is said when there is one to pay."""
    if offer.terms == "free":
        reasons.append(_l("gratuit"))
        return 1.0
    if offer.terms == "loan":
        reasons.append(_l("prêt"))
        return TERMS_FIT.get((need.terms, "loan"), 1.0)
    if offer.terms == "exchange":
        reasons.append(_l("échange"))
        return TERMS_FIT.get((need.terms, "exchange"), 0.6)
    fit = TERMS_FIT.get((need.terms, offer.terms), PAID_FIT)
    budget, price = need.price_cents, offer.price_cents
    if price is None:
        reasons.append(_l("en location, prix sur demande") if offer.terms == "rent" else _l("payant, prix sur demande"))
        return fit
    if budget is not None and price <= budget:
        reasons.append(_l("dans le budget : %(price)s (budget %(budget)s)", price=price, budget=budget))
        return fit
    if budget is not None:
        reasons.append(_l("au-dessus du budget : %(price)s (budget %(budget)s)", price=price, budget=budget))
        return min(fit, PAID_FIT)
    reasons.append(_l("en location : %(price)s", price=price) if offer.terms == "rent"
                   else _l("payant : %(price)s", price=price))
    return fit


def _distance(source: Facts, other: Facts, reasons: list):
    """(km or None, 0..1 or None when too far). Unknown coordinates are neutral and said nowhere."""
    if source.commune_code and source.commune_code == other.commune_code:
        km = 0.0
    elif source.commune is not None and other.commune is not None:
        km = distance_km(source.commune, other.commune)
    else:
        km = None
    remote = source.category == "skill" and (source.remote or other.remote)
    if km is None:
        if remote:
            reasons.append(_l("à distance possible"))
        return None, NEUTRAL
    radius = source.radius_km or other.radius_km or DEFAULT_RADIUS_KM.get(source.category, 30)
    if km > radius:
        if not remote:
            return km, None
        reasons.append(_l("à distance possible"))
        return km, 0.3
    reasons.append(_l("dans la même commune") if km < 1 else _l("à %(km)d km", km=round(km)))
    return km, 1.0 - km / radius


def _dates(need: Facts, offer: Facts, reasons: list) -> float | None:
    start, end = need.available_from, need.available_until
    if start is None and end is None:
        return NEUTRAL
    o_start, o_end = offer.available_from, offer.available_until
    if o_start is None and o_end is None:
        return NEUTRAL
    if (o_end is not None and start is not None and o_end < start) or \
            (o_start is not None and end is not None and o_start > end):
        return None
    reasons.append(_l("disponible aux dates demandées"))
    return 1.0


def _domain(source: Facts, other: Facts, reasons: list, text: float) -> float | None:
    """1.0 the same domain, type or enough room; 0.0 known to differ; None: different things."""
    if source.category == "skill":
        mine, theirs = domain_of(source), domain_of(other)
        if mine and mine == theirs and mine != "other":
            reasons.insert(0, _l("même domaine : %(domain)s", domain=mine))
            return 1.0
        if mine and theirs and mine != theirs:  # legal vs accounting: another thing, unless named alike
            return _types(source, other, reasons) if set(source.types) & set(other.types) else None
        return _types(source, other, reasons)
    if source.category == "premises" and source.capacity and other.capacity:
        need, offer = (source, other) if source.kind == "need" else (other, source)
        if offer.capacity >= need.capacity:
            reasons.insert(0, _l("capacité suffisante"))
            typed = _types(source, other, reasons)
            return None if typed is None else max(typed, 0.75)
        return 0.0
    return _types(source, other, reasons)


def _different_equipment(source: Facts, other: Facts) -> bool:
    """Two pieces of equipment whose first types differ (see _types): no match, whatever else they share
    (checked first: most candidates a ranking drops are dropped for this)."""
    return source.category == "equipment" and bool(source.types and other.types) and source.types[0] != other.types[0]


def _types(source: Facts, other: Facts, reasons: list) -> float | None:
    """The types named in both titles/tags: the same -> 1.0 with its name; two different pieces of
    equipment (or missions) -> None; unknown -> NEUTRAL."""
    if not source.types or not other.types:
        return NEUTRAL
    common = [t for t in source.types if t in other.types]
    if source.category == "equipment" and source.types[0] != other.types[0]:
        return None  # the thing itself differs: a sound system is not a computer, even "portable"
    if not common:
        return None if source.category == "volunteering" else 0.0
    reasons.insert(0, _l("même type : %(what)s", what=type_name(common[0])))
    return 1.0


def nearby_reasons(source: Facts, other: Facts) -> tuple[float | None, list | None]:
    """For the fallback block (no match): (km, ["même catégorie", distance, terms]); None: the
    owner's own listing. Distance within twice the usual radius was checked by the caller."""
    if not complementary(source, other):
        return None, None
    need, offer = (source, other) if source.kind == "need" else (other, source)
    reasons = [_l("même catégorie")]
    wide = replace(source, radius_km=10_000)  # no radius here: the caller bounded the search
    km, _part = _distance(wide, other, reasons)
    if source.category != "volunteering":
        _terms(need, offer, reasons)
    return km, _ordered(reasons)


def _freshness(published_at: datetime | None, now: datetime) -> float:
    if published_at is None:
        return NEUTRAL
    days = max((now - published_at).total_seconds() / 86400, 0)
    return 0.5 ** (days / FRESH_DAYS)
