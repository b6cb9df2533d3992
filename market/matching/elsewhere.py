"""A need's answers from the platform's other services (a ressourcerie batch, a group purchase, a workshop…).

Each service registers a source; matching walks them without importing the services. A source gets
the need and its terms (the French analysis of matching, market/matching/text.py) and returns
Answers; `shared_terms` is the one relevance rule they use: a shared qualifier ("portable") alone
never makes two things the same thing.
"""
from dataclasses import dataclass
from typing import Callable, Iterable

from market.matching.text import GENERIC, TYPE_MARK, spellings, tokens, type_name

LIMIT = 4


@dataclass(frozen=True)
class Answer:
    service: str  # the service's name, shown as a badge ("Ressourcerie", "Achat groupé")
    title: str
    url: str
    meta: str  # who, where
    reasons: tuple[str, ...]
    score: float  # 0..1: the share of the need's terms it shares


_SOURCES: dict[str, Callable[[object, frozenset], Iterable[Answer]]] = {}


def register_answers(name: str, source: Callable[[object, frozenset], Iterable[Answer]]) -> None:
    """Register (or replace, by name: an app built twice registers once) a source of answers to needs."""
    _SOURCES[name] = source


def need_terms(listing) -> frozenset[str]:
    return tokens(f"{listing.title} {listing.tags or ''}")


def shared_terms(terms: frozenset[str], text: str) -> tuple[float, list[str]]:
    """(score, the shared words as the other text wrote them); 0 when only qualifiers are shared."""
    common = terms & tokens(text)
    if not common - GENERIC:
        return 0.0, []
    written = dict(spellings(text))
    words = sorted({type_name(t) if t.startswith(TYPE_MARK) else written.get(t, t) for t in common - GENERIC})
    # a type named like one of the words ("subventions" beside "subvention") is said once
    words = [w for w in words if not (w[-1:] in "sx" and w[:-1] in words)]
    return len(common - GENERIC) / max(len(terms - GENERIC), 1), words


def answers_for(listing, limit: int = LIMIT) -> list[Answer]:
    """The best answers to a published need from every registered service; [] for an offer."""
    if listing is None or listing.kind != "need" or not listing.is_public():
        return []
    terms = need_terms(listing)
    if not terms - GENERIC:
        return []
    found = [answer for source in _SOURCES.values() for answer in source(listing, terms)]
    return sorted(found, key=lambda a: -a.score)[:limit]
