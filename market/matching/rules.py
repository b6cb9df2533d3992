"""The match score between two listings: one pure function, its weights and its plain-French reasons."""
from dataclasses import dataclass, field
from datetime import date, datetime


from market.geo import Commune, distance_km
from market.matching.text import overlap, spellings, tokens

# The weights, in one place. Relevance (what is asked vs what is given) decides most: a sound
# system 40 km away is still more useful than a chair next door. Distance comes next because the
# network's members say so ("a loan of chairs is worth it at 10 km, rarely at 60 km"). Dates and
# terms mostly act as filters (incompatible pairs never match); within compatible pairs they only
# nudge. Freshness breaks ties in favour of listings whose owners are still around.
WEIGHTS = {"text": 0.35, "domain": 0.20, "distance": 0.20, "dates": 0.10, "terms": 0.10, "freshness": 0.05}
NEUTRAL = 0.5  # an unknown fact (no coordinates, no dates, no domain) is neither good nor bad
ALERT_THRESHOLD = 0.55  # owners are alerted about a new listing scoring at least this
MIN_TEXT = 0.15  # below this (and without the same domain/type) two things are not the same thing
# How far a listing travels when its owner said nothing (listings carry no radius of their own);
# a volunteer's own radius (profile) wins. Skills travel further: a meeting, a phone call.
DEFAULT_RADIUS_KM = {"equipment": 30, "premises": 30, "skill": 50, "volunteering": 30}
FRESH_DAYS = 30  # freshness halves every 30 days since publication

# What a need accepts, by the need's terms. A need for a free loan does not meet a sale.
ACCEPTS = {"free": {"free", "loan"}, "loan": {"free", "loan"}, "exchange": {"exchange", "free", "loan"},
           "rent": {"rent", "free", "loan"}, "sale": {"sale", "free"}}

# Words that reveal a skill domain when the listing did not choose one.
DOMAIN_WORDS = {
    "legal": {"juriste", "juridique", "droit", "statut", "avocat", "contrat", "reglement"},
    "accounting": {"comptable", "comptabilite", "bilan", "tresorerie", "paie", "budget"},
    "communication": {"communication", "graphiste", "graphisme", "affiche", "logo", "flyer", "site"},
    "it": {"informatique", "ordinateur", "logiciel", "reseau", "internet", "numerique"},
    "technical": {"bricolage", "electricite", "plomberie", "reparation", "maintenance", "technique"},
    "fundraising": {"subvention", "financement", "mecenat", "dossier"},
}


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
            return gettext(self.msgid, **params)
        except RuntimeError:  # no request (a bare script): the French msgid, codes untranslated
            return self.msgid % params

    def __repr__(self):
        return f"Reason({self.msgid!r}, {self.params!r})"


def _l(msgid: str, **params) -> Reason:  # the name pybabel extracts (-k _l)
    return Reason(msgid, **params)


@dataclass(frozen=True)
class Facts:
    """What the score needs to know about one listing (built by queries.facts_from_row)."""
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
    spelt: tuple = ()  # (token, word as written) for the title: for reasons


@dataclass
class Match:
    score: float
    reasons: list = field(default_factory=list)
    distance_km: float | None = None


def domain_of(facts: Facts) -> str | None:
    """The skill domain chosen, or guessed from the words when none was chosen ("other" is a choice)."""
    if facts.skill_domain:
        return facts.skill_domain if facts.skill_domain != "other" else None
    if facts.category != "skill":
        return None
    found = [d for d, words in DOMAIN_WORDS.items() if words & facts.words]
    return found[0] if len(found) == 1 else None


def complementary(source: Facts, other: Facts) -> bool:
    return (source.kind != other.kind and source.category == other.category
            and source.owner != other.owner and source.id != other.id)


def score(source: Facts, other: Facts, now: datetime, text: float | None = None) -> Match | None:
    """How well `other` answers `source` (either may be the need), 0..1 with reasons; None: no match.

    `text` is a text relevance already computed by the search engine (0..1); else word overlap.
    """
    if not complementary(source, other):
        return None
    need, offer = (source, other) if source.kind == "need" else (other, source)
    reasons = []
    terms = _terms(need, offer, reasons if source.category != "volunteering" else [])
    if terms is None:
        return None
    distance, dist_part = _distance(source, other, reasons)
    if dist_part is None:
        return None
    dates = _dates(need, offer, reasons)
    if dates is None:
        return None
    domain = _domain(source, other, reasons)
    if text is None:
        text = overlap(source.words, source.keys, other.words, other.keys)
    if text < MIN_TEXT and domain < 1.0 and source.category != "volunteering":
        return None  # not the same thing: a projector is no answer to a need for chairs
    parts = {"text": text, "domain": domain, "distance": dist_part, "dates": dates, "terms": terms,
             "freshness": _freshness(other.published_at, now)}
    total = sum(WEIGHTS[name] * value for name, value in parts.items())
    return Match(round(min(1.0, max(0.0, total)), 3), reasons, distance)


def _terms(need: Facts, offer: Facts, reasons: list) -> float | None:
    if offer.terms not in ACCEPTS.get(need.terms, {need.terms}):
        return None
    if offer.terms == "free":
        reasons.append(_l("gratuit"))
        return 1.0
    if offer.terms == "loan":
        reasons.append(_l("prêt"))
        return 1.0
    if offer.terms == "exchange":
        reasons.append(_l("échange"))
        return 0.8
    budget, price = need.price_cents, offer.price_cents
    if budget is not None and price is not None and price > budget:
        return 0.2
    if budget is not None and price is not None:
        reasons.append(_l("dans le budget"))
    return 0.6


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


def _domain(source: Facts, other: Facts, reasons: list) -> float:
    if source.category == "skill":
        mine, theirs = domain_of(source), domain_of(other)
        if mine and mine == theirs:
            reasons.insert(0, _l("même domaine : %(domain)s", domain=mine))
            return 1.0
        return 0.0 if mine and theirs else NEUTRAL
    if source.category == "premises" and source.capacity and other.capacity:
        need, offer = (source, other) if source.kind == "need" else (other, source)
        if offer.capacity >= need.capacity:
            reasons.insert(0, _l("capacité suffisante"))
            return 1.0
        return 0.0
    theirs = {t for t, _ in other.spelt}
    shared = [word for t, word in source.spelt if t in theirs]
    if shared and source.category == "equipment":  # the same thing named in both titles
        reasons.insert(0, _l("même type : %(what)s", what=", ".join(shared[:3])))
        return 1.0
    return NEUTRAL


def _freshness(published_at: datetime | None, now: datetime) -> float:
    if published_at is None:
        return NEUTRAL
    days = max((now - published_at).total_seconds() / 86400, 0)
    return 0.5 ** (days / FRESH_DAYS)


def facts_words(title: str, tags: str, description: str) -> tuple[frozenset, frozenset, tuple]:
    """(all words, key words of title and tags, title spellings) of a listing."""
    keys = tokens(f"{title} {tags.replace(';', ' ')}")
    return keys | tokens(description), keys, spellings(title)
