"""Text of matching: the search engine's French analysis, the search synonyms, the types vocabulary.

`tokens()` gives the terms of a text as the search index has them (folded, stop words out, Snowball
stems), then folds synonyms and types into one term each ("micro", "enceinte" -> "@sono"), and drops
the words every listing says ("besoin", "matériel", "association"). `GENERIC` terms ("portable",
"grand", "disponible") are kept but weigh little (rules.text_relevance). The types vocabulary is an
editable file, market/matching/types.txt. `fold` and `stem` (crude) serve the SQL LIKE prefilter.
"""
import os
import re
import unicodedata
from functools import lru_cache

from market.search.analysis import load_synonyms, terms as analyse

TYPES_FILE = os.path.join(os.path.dirname(__file__), "types.txt")
_WORD = re.compile(r"[a-z0-9]+")
_SPLIT = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w+(?:-\w+)*")
_SEGMENTS = re.compile(r"[;,.()!?/]")
TYPE_MARK = "@"

# Words every listing says ("besoin", "propose"...), that tell nothing of what is asked or given.
STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette chez dans de des du elle en et etc eux il ils je la le les leur leurs
lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur
ta te tes toi ton tu un une vos votre vous y d l j m n s t c qu est sont etre avoir fait faire plus
tres bien tout tous toute toutes autre autres comme aussi sans sous entre vers depuis peu
besoin besoins cherche cherchons recherche recherchons propose proposons offre offrons
disponible disponibles association associations asso structure structures pouvez peut
merci bonjour aide aider deux trois materiel materiels reemploi recyclage occasion pret don gratuit
location vente echange benevole benevoles benevolat volontaire volontaires personne personnes
nouveau nouvelle urgent urgence svp possible
""".split())

# Qualifiers: a shared one never makes two different things the same thing.
GENERIC_WORDS = """portable portables grand grande grands grandes petit petite petits petites mobile mobiles
neuf neuve bon bonne etat complet complete gros grosse leger legere vieux ancien ancienne moderne
local locaux lieu lieux espace espaces salle salles accessible pratique simple solidaire collectif
collective jour journee semaine mois samedi dimanche soir week end matin an annee annuel annuelle
numerique places place personnes""".split()


def _slow_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("æ", "ae"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase with accents and ligatures folded: "Éducation œuvre" -> "education oeuvre"."""
    text = (text or "").lower()
    return text if text.isascii() else _slow_fold(text)


def stem(word: str) -> str:
    """Crude French singular for the SQL prefilter: "statuts" -> "statut", "chevaux" -> "cheval"."""
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx" and word[-2] not in "su":
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def _term(word: str) -> str | None:
    """The index term of one lowercase word (None: a stop word)."""
    if fold(word) in STOP_WORDS:
        return None
    found = analyse(word)
    return found[0] if found else None


def _read_types(path: str) -> list[tuple[str, list[str]]]:
    """[(type name, [its spellings])] from types.txt ("sono : sonorisation, enceinte, micro")."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if ":" in line:
                name, rest = line.split(":", 1)
                out.append((name.strip(), [name.strip()] + [p.strip() for p in rest.split(",") if p.strip()]))
    return out


@lru_cache(maxsize=2)
def vocabulary(path: str = TYPES_FILE) -> tuple[dict, dict, int]:
    """({term tuple: canonical term}, {"@type": type name}, longest phrase): types, then synonyms."""
    phrases, names = {}, {}
    for name, spellings in _read_types(path):
        mark = TYPE_MARK + fold(name)
        names[mark] = name
        for spelling in spellings:
            key = tuple(t for t in (_term(w) for w in _SPLIT.findall(spelling.lower())) if t)
            if key:
                phrases.setdefault(key, mark)
    for key, alternatives in load_synonyms().items():  # the search synonyms: one term per group
        canonical = next((phrases[a] for a in alternatives if a in phrases), None)
        canonical = canonical or " ".join(min(alternatives))
        phrases.setdefault(key, canonical)
    return phrases, names, max((len(k) for k in phrases), default=1)


@lru_cache(maxsize=50_000)
def term_list(text: str) -> tuple[str, ...]:
    """The terms of a text in order; a phrase of the vocabulary ("salle de réunion", "micro") adds
    its type or synonym term ("@salle de reunion") before its own words. Phrases stop at ";,.()"."""
    phrases, _, longest = vocabulary()
    out = []
    for segment in _SEGMENTS.split((text or "").lower()):
        raw = [t for t in (_term(w) for w in _SPLIT.findall(segment)) if t]
        i = 0
        while i < len(raw):
            for size in range(min(longest, len(raw) - i), 0, -1):
                canonical = phrases.get(tuple(raw[i:i + size]))
                if canonical:
                    out.append(canonical)
                    out.extend(raw[i:i + size])
                    i += size
                    break
            else:
                out.append(raw[i])
                i += 1
    return tuple(dict.fromkeys(t for t in out if t not in _STOP_TERMS and (t[0] == TYPE_MARK or t.isalpha())))


def tokens(text: str) -> frozenset[str]:
    """The meaningful terms of a text: the unit of text relevance."""
    return frozenset(term_list(text))


def types_of(text: str) -> tuple[str, ...]:
    """The types named in a text ("@sono"), in order: the first is what the listing is about."""
    return tuple(dict.fromkeys(t for t in term_list(text) if t.startswith(TYPE_MARK)))


@lru_cache(maxsize=1024)
def type_words(mark: str) -> tuple[str, ...]:
    """The single words of a type's spellings ("@barnum" -> "barnum", "chapiteau", "tonnelle"...)."""
    name = type_name(mark)
    for found, spellings_ in _read_types(TYPES_FILE):
        if found == name:
            return tuple(dict.fromkeys(w for s in spellings_ for w in s.lower().split() if len(w) > 3))
    return ()


def type_name(mark: str) -> str:
    return vocabulary()[1].get(mark, mark.lstrip(TYPE_MARK))


def text_facts(title: str, tags: str, description: str) -> dict:
    """The text facts of a listing: words, keys (title and tags), spelt (as written), types."""
    tags = (tags or "").replace(";", " ; ")
    keys = tokens(f"{title} ; {tags}")
    types = tuple(dict.fromkeys(types_of(title) + sum((types_of(t) for t in tags.split(";")), ())))
    return {"words": keys | tokens(description), "keys": keys,
            "spelt": spellings(f"{title} {tags}"), "types": types}


def spellings(text: str) -> tuple[tuple[str, str], ...]:
    """(term, word as written, lowercase) for the single words of a text, in order: reasons show
    words as people wrote them."""
    pairs = {}
    for word in _HYPHENATED.findall((text or "").lower()):  # "plain-pied" is said as one word
        for term in term_list(word.replace("-", " ")):
            pairs.setdefault(term, word)
    return tuple(pairs.items())


_STOP_TERMS = frozenset(t for t in (analyse(w) for w in STOP_WORDS) for t in t)
GENERIC = frozenset(t for t in (analyse(w) for w in GENERIC_WORDS) for t in t) - _STOP_TERMS
