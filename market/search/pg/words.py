"""From the words people type to PostgreSQL tsqueries: the same words and synonyms as whoosh
(market/search/query.py, synonyms.txt), each analysed by PostgreSQL's `market_french`.

A word group is what one typed word may match: the word itself or any alternative of its
synonym group ("sono" -> sono | sonorisation); an alternative of several words ("assemblée
générale") needs all of them. The analysis of each word is asked of the database once per
process (it never changes without a migration) and kept.
"""
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from market.extensions import db
from market.search.analysis import SYNONYMS_FILE, terms, words
from market.search.pg.schema import CONFIG
from market.search.query import MAX_WORDS

_WORD = re.compile(r"[^\W_]+")
_lexemes: dict[str, tuple[str, ...]] = {}
_lock = threading.Lock()
CACHE_LIMIT = 50_000


@lru_cache(maxsize=4)
def raw_synonyms(path: str = SYNONYMS_FILE) -> dict[tuple, tuple[str, ...]]:
    """{whoosh terms of an entry: every entry of its groups, as written} (the keys of whoosh's table)."""
    table: dict[tuple, set] = {}
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = [p.strip() for p in line.split("#", 1)[0].split(",") if p.strip()]
            keyed = {tuple(terms(p)): p for p in parts}
            keyed.pop((), None)
            if len(keyed) < 2:
                continue
            for key in keyed:
                table.setdefault(key, set()).update(keyed.values())
    return {key: tuple(sorted(phrases)) for key, phrases in table.items()}


def phrase_groups(text: str) -> list[tuple[str, ...]]:
    """[(phrases word 1 may match), ...]: whoosh's `word_groups`, with words instead of stems."""
    synonyms = raw_synonyms()
    typed: dict[tuple, str] = {}
    for word in words(text):
        typed.setdefault(tuple(terms(word)), word)  # a repeated word counts once
    flat = [(t, word) for stems, word in list(typed.items())[:MAX_WORDS] if stems for t in stems]
    groups, i = [], 0
    while i < len(flat):
        for size in (3, 2, 1):
            key = tuple(t for t, _w in flat[i:i + size])
            if len(key) == size and (size == 1 or key in synonyms):
                typed_phrase = " ".join(dict.fromkeys(w for _t, w in flat[i:i + size]))
                groups.append(tuple(sorted({typed_phrase, *synonyms.get(key, ())})))
                i += size
                break
    return groups


def lexemes(words_: list[str]) -> dict[str, tuple[str, ...]]:
    """{word: its lexemes under market_french} (none for a stop word), asked once per word."""
    missing = sorted({w for w in words_ if w not in _lexemes})
    if missing:
        rows = db.session.execute(sa.text(
            f"SELECT w, tsvector_to_array(to_tsvector('{CONFIG}', w)) FROM unnest(CAST(:words AS text[])) AS w"),
            {"words": missing})
        found = {w: tuple(sorted(lex or ())) for w, lex in rows}
        with _lock:
            if len(_lexemes) > CACHE_LIMIT:
                _lexemes.clear()
            _lexemes.update(found)
    return {w: _lexemes.get(w, ()) for w in words_}


@dataclass(frozen=True)
class Query:
    """The analysed words: groups of alternatives, each alternative a tuple of lexemes (all needed)."""
    groups: tuple[tuple[tuple[str, ...], ...], ...]

    def lexemes(self) -> list[str]:
        return sorted({lex for group in self.groups for alt in group for lex in alt})


def analyse(text: str) -> Query:
    """The Query of what was typed; no groups when nothing searchable was typed."""
    groups = phrase_groups(text)
    split = {phrase: [w.lower() for w in _WORD.findall(phrase)] for g in groups for phrase in g}
    found = lexemes(sorted({w for ws in split.values() for w in ws}))
    out = []
    for group in groups:
        alternatives = {tuple(sorted({lex for w in split[p] for lex in found[w]})) for p in group}
        alternatives.discard(())
        if alternatives:
            out.append(tuple(sorted(alternatives)))
    return Query(tuple(out))


def quote(lexeme: str, weights: str = "") -> str:
    """A lexeme in tsquery syntax, taken as is (no analysis again), optionally restricted to weights."""
    text = "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{text}:{weights}" if weights else text


def tsquery(group, weights: str = "") -> str:
    """Any alternative of the group (each with all its lexemes), as tsquery text."""
    parts = []
    for alt in group:
        quoted = [quote(lex, weights) for lex in alt]
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " & ".join(quoted) + ")")
    return " | ".join(parts)


def any_lexeme(query: Query, weights: str = "") -> str:
    """Every lexeme of the query, any of them (for highlighting), optionally restricted to weights."""
    return " | ".join(quote(lex, weights) for lex in query.lexemes())
