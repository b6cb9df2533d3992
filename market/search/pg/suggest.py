"""'Did you mean' on PostgreSQL: as whoosh's (market/search/suggest.py), from the spellings view.

A word is known when every lexeme of it is in some listing (the lexemes view) or in the name of
a commune that has listings; a known word typed without its accents gets them back (its most
frequent spelling); an unknown word gets the most frequent of the nearest spellings (edit
distance 1, else 2, same first letter), found by the trigram index.

What the search already knows is asked in the search's own statement (`Lookup.parts`, rows of
market/search/pg/facets.py): one round trip less per search.
"""
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from market.extensions import db
from market.search.analysis import STOP_WORDS, fold, load_synonyms, words
from market.search.pg import names
from market.search.pg.words import lexemes

NEAREST = 40  # spellings read by trigram distance before measuring the edit distance
SUGGESTIONS = 8  # whoosh's corrector limit: the most frequent of these wins


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, or limit + 1 when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass
class Lookup:
    """The words worth checking, their lexemes, and what the database says about them."""
    candidates: list
    analysed: dict

    def parts(self) -> list:
        """Selects of rows ("lexeme", a lexeme found among the listings, NULL) and ("spelling:" + a
        folded word, its most frequent spelling, NULL)."""
        text = sa.String()
        every = sorted({lex for found in self.analysed.values() for lex in found})
        spellings = (sa.select(sa.column("folded", text), sa.column("word", text))
                     .select_from(sa.table("search_spellings"))
                     .where(sa.column("folded", text) == sa.any_(sa.literal(sorted({fold(w) for w in self.candidates}),
                                                                            ARRAY(text))))
                     .distinct(sa.column("folded")).order_by(sa.column("folded"), sa.column("ndoc").desc(),
                                                            sa.column("word")).subquery())
        pad = (sa.null(),) * 6  # the other columns of the search's rows (market/search/pg/facets.py)
        return [sa.select(sa.literal("lexeme", text), sa.column("lexeme", text), *pad)
                .select_from(sa.table("search_lexemes"))
                .where(sa.column("lexeme", text) == sa.any_(sa.literal(every, ARRAY(text)))),
                sa.select(sa.literal("spelling:", text) + spellings.c.folded, spellings.c.word, *pad)]


def lookup(text: str) -> Lookup | None:
    candidates = [w for w in dict.fromkeys(words(text)) if len(w) >= 3 and w.isalpha()]
    return Lookup(candidates, lexemes(candidates)) if candidates else None


def known_and_spellings(found: Lookup, rows) -> tuple[set[str], dict[str, str]]:
    """(the known words among the candidates, {folded word: its most frequent spelling}) from the rows."""
    candidates, analysed = found.candidates, found.analysed
    every = sorted({lex for lexemes_ in analysed.values() for lex in lexemes_})
    present, spellings = set(), {}
    for kind, value, _none in rows:
        if kind == "lexeme":
            present.add(value)
        elif kind.startswith("spelling:"):
            spellings[kind[len("spelling:"):]] = value
    communes = names.commune_lexemes()
    for lex in set(every) - present:  # a commune's name that listings have (rare)
        codes = sorted(communes.get(lex, ()))
        if codes and db.session.scalar(sa.text(
                "SELECT 1 FROM listings WHERE commune_code = ANY(:codes) AND status = 'published' LIMIT 1"),
                {"codes": codes}):
            present.add(lex)
    synonyms = load_synonyms()
    known = {w for w in candidates
             if (fold(w),) in synonyms or (analysed[w] and all(lex in present for lex in analysed[w]))}
    return known, spellings


def closest(word: str) -> str | None:
    """The most frequent spelling among the nearest ones (edit distance 1, else 2), or None."""
    folded = fold(word)
    rows = db.session.execute(sa.text(
        "SELECT folded, word, ndoc FROM search_spellings WHERE left(folded, 1) = :first "
        "ORDER BY folded <-> :folded LIMIT :n"), {"first": folded[:1], "folded": folded, "n": NEAREST})
    best: dict[str, tuple[int, str]] = {}
    for f, spelling, ndoc in rows:
        if spelling not in STOP_WORDS and (f not in best or ndoc > best[f][0]):
            best[f] = (ndoc, spelling)
    for maxdist in (1, 2):
        found = sorted((d, f) for f in best if f != folded and (d := edit_distance(folded, f, maxdist)) <= maxdist)
        if found:
            return best[max((f for _d, f in found[:SUGGESTIONS]), key=lambda f: best[f][0])][1]
    return None


def suggest(text: str, found: Lookup | None, rows) -> str | None:
    """The query with misspelt words corrected and missing accents restored; None if nothing changes.
    `found`, `rows`: the Lookup of `text` and the rows of its parts."""
    if found is None:
        return None
    known, exact = known_and_spellings(found, rows)
    replacements = {}
    for word in found.candidates:
        if word in known and fold(word) != word:
            continue  # typed with its accents and found: nothing to say
        best = exact.get(fold(word))
        if best is None and word not in known:
            best = closest(word)
        if best and best != word and (word not in known or fold(best) == fold(word)):
            replacements[word] = best
    if not replacements:
        return None
    return re.sub(r"\w+", lambda m: replacements.get(m.group(0).lower(), m.group(0)), text)
