"""Official list of French communes: lookup by INSEE code, postal code or name, and distances."""
from __future__ import annotations

import bisect
import csv
import gc
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "communes.csv"
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_POSTAL = re.compile(r"^\d{1,5}$")
_CODE = re.compile(r"^(\d{5}|2[ab]\d{3})$")
_EARTH_RADIUS_KM = 6371.0
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PUNCTUATION = re.compile(r"[\W_]+")
_PUNCTUATION_KEEP_NL = re.compile(r"(?:[^\w\n]|_)+")
_ABBREVIATED = re.compile(r"\b(?:st|ste)\b")


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE code, e.g. "03310"
    name: str
    postal_codes: tuple[str, ...]
    department: str
    population: int
    lat: float | None
    lon: float | None

    @property
    def postal_code(self) -> str:
        return self.postal_codes[0] if self.postal_codes else ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.postal_code})" if self.postal_codes else self.name


class AmbiguousCommune(ValueError):
    """Several communes match the text; ``candidates`` lists them, most populated first."""

    def __init__(self, text: str, candidates: list[Commune]):
        super().__init__(f"{text!r} matches {len(candidates)} communes")
        self.candidates = candidates


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return _COMBINING.sub("", text)


def normalise(text: str) -> str:
    """Lowercase, fold accents and œ/æ, hyphens/apostrophes/punctuation to single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", _fold(str(text))).split())


def _expand(words: list[str]) -> str:
    """Join normalised words, reading "st"/"ste" as "saint"/"sainte"."""
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def _name_keys(names: list[str]) -> list[str]:
    """_expand(normalise(name).split()) for each name, done on one string: much faster."""
    text = _PUNCTUATION_KEEP_NL.sub(" ", _fold("\n".join(names)))
    text = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], text)
    return [line.strip() for line in text.split("\n")]


class _Index:
    def __init__(self, communes: list[Commune]):
        communes.sort(key=attrgetter("name"))  # search results keep this order:
        communes.sort(key=attrgetter("population"), reverse=True)  # most populated first (stable)
        self.rank = {c.code: i for i, c in enumerate(communes)}
        self.by_code = {c.code: c for c in communes}
        # (" " + name key, commune): the leading space makes "word starts with" a substring test.
        keys = _name_keys([c.name for c in communes])
        self.named = [(" " + key, c) for key, c in zip(keys, communes)]
        self.by_name: dict[str, list[Commune]] = {}
        self.by_postal: dict[str, list[Commune]] = {}
        for key, c in self.named:
            self.by_name.setdefault(key[1:], []).append(c)
            for postal in c.postal_codes:
                self.by_postal.setdefault(postal, []).append(c)
        self.postals = sorted(self.by_postal)

    def with_postal_prefix(self, prefix: str) -> list[Commune]:
        """Communes having a postal code starting with prefix; exact code first, then population."""
        found: dict[str, Commune] = {}
        start = bisect.bisect_left(self.postals, prefix)
        for postal in self.postals[start:]:
            if not postal.startswith(prefix):
                break
            found.update((c.code, c) for c in self.by_postal[postal])
        rank = self.rank
        return sorted(found.values(), key=lambda c: (prefix not in c.postal_codes, rank[c.code]))

    def with_name(self, words: list[str], pool: list[Commune] | None = None) -> list[Commune]:
        """Exact name first, then name prefix, then word prefix inside the name; by population."""
        exact = " " + _expand(words)
        # The last word may be unfinished: "st" can be the start of "Strasbourg" as well as "Saint".
        partial = " ".join([*exact.split(" ")[:-1], words[-1]])
        named = self.named
        if pool is not None:
            codes = {c.code for c in pool}
            named = [(key, c) for key, c in named if c.code in codes]
        found = [(key, c) for key, c in named if exact in key or partial in key]  # word prefixes
        heads = (exact, partial)
        return ([c for key, c in found if key == exact]
                + [c for key, c in found if key != exact and key.startswith(heads)]
                + [c for key, c in found if not key.startswith(heads)])


@cache
def _index() -> _Index:
    gc_enabled = gc.isenabled()
    gc.disable()  # ~35,000 objects that all stay alive: collecting meanwhile only slows loading
    try:
        return _load()
    finally:
        if gc_enabled:
            gc.enable()


def _load() -> _Index:
    with open(DATA_FILE, newline="", encoding="utf-8") as fh:
        rows = csv.reader(fh)
        next(rows)  # header: code,name,postal_codes,department,population,lat,lon
        communes = [Commune(code, name, tuple(postals.split()), dept, int(pop or 0),
                            float(lat) if lat else None, float(lon) if lon else None)
                    for code, name, postals, dept, pop, lat, lon in rows]
    return _Index(communes)


def _split(text: str) -> tuple[str | None, list[str]]:
    """Split "Vichy (03200)" / "03200 Vichy" into (postal code or prefix, name words)."""
    words = normalise(text).split()
    postal = next((w for w in words if _POSTAL.match(w)), None)
    return postal, [w for w in words if w != postal]


def all_communes():
    """Every commune (a view over the loaded list, in INSEE code order)."""
    return _index().by_code.values()


def get(code: str) -> Commune | None:
    """The commune with this INSEE code (e.g. "03310" for Vichy), or None."""
    return _index().by_code.get(str(code).strip().upper())


def search(text: str, limit: int = 10) -> list[Commune]:
    """Communes matching a postal code (prefix), a name (prefix) or a label, best first."""
    index, (postal, words) = _index(), _split(text or "")
    if not words:
        return index.with_postal_prefix(postal)[:limit] if postal else []
    if postal is None:
        return index.with_name(words)[:limit]
    pool = index.with_postal_prefix(postal)
    return (index.with_name(words, pool) or index.with_name(words))[:limit]


def resolve(text: str) -> Commune | None:
    """The one commune meant by a label, postal code, INSEE code or unique exact name.

    A 5-digit text is read as a postal code first and as an INSEE code only when no commune
    has that postal code. Raises AmbiguousCommune when several communes match; None if none.
    """
    index, (postal, words) = _index(), _split(text or "")
    if not words:
        if not postal or len(postal) != 5:
            return None
        matches = index.by_postal.get(postal) or [c for c in [index.by_code.get(postal)] if c]
    elif postal is None and len(words) == 1 and _CODE.match(words[0]):
        matches = [c for c in [index.by_code.get(words[0].upper())] if c]  # Corsica: "2A004"
    else:
        if postal is not None and len(postal) != 5:
            return None
        matches = index.by_name.get(_expand(words), [])
        if postal is not None:
            matches = [c for c in matches if postal in c.postal_codes]
    if len(matches) > 1:
        raise AmbiguousCommune(text, list(matches))
    return matches[0] if matches else None


def distance_km(a: Commune, b: Commune) -> float | None:
    """Great-circle (haversine) distance in km; None when either commune lacks coordinates."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
