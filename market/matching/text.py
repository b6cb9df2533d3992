"""A small French text normalisation for matching: folded accents, no stop words, crude singulars."""
import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")

# Function words, plus the words every listing says ("besoin", "propose"...) that tell nothing.
STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette chez dans de des du elle en et etc eux il ils je la le les leur leurs
lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur
ta te tes toi ton tu un une vos votre vous y d l j m n s t c qu est sont etre avoir fait faire plus
tres bien tout tous toute toutes autre autres comme aussi sans sous entre vers depuis peu
besoin besoins cherche cherchons recherche recherchons propose proposons offre offrons
disponible disponibles association associations structure structures notre nos pouvez peut
merci bonjour aide aider un deux trois
materiel reemploi recyclage occasion neuf bon etat pret don gratuit location vente echange
benevole benevoles benevolat volontaire volontaires personne personnes
""".split())


def _slow_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("æ", "ae"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Latin letters with diacritics, folded one by one (much faster than NFKD on every text).
_FOLD = {chr(cp): _slow_fold(chr(cp)) for cp in range(0xC0, 0x250) if _slow_fold(chr(cp)).isascii()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


_NEEDS_NFKD = re.compile("[\u0300-\u036f\ufb00-\ufb06]")  # decomposed accents, "ﬁ" ligatures


def fold(text: str) -> str:
    """Lowercase with accents and ligatures folded: "Éducation œuvre" -> "education oeuvre"."""
    text = (text or "").lower()
    if text.isascii():
        return text
    if _NEEDS_NFKD.search(text):
        return _slow_fold(text)
    return _NON_ASCII.sub(lambda m: _FOLD.get(m.group(), m.group()), text)


def stem(word: str) -> str:
    """Crude French singular: "statuts" -> "statut", "chevaux" -> "cheval", "tables" -> "table"."""
    if len(word) > 4 and word.endswith("eaux"):  # reseaux, bureaux, tableaux
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):  # locaux, chevaux, journaux
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx" and word[-2] not in "su":
        return word[:-1]
    return word


# Words people use for the same thing, read as one (after folding and stem()).
SAME = {w: group[0] for group in (
    ("conduite", "chauffeur", "conducteur", "conduire", "conductrice", "chauffeuse", "permi"),
    ("juriste", "juridique", "droit", "avocat"),
    ("comptable", "comptabilite", "compta"),
    ("accueil", "accueillir", "accueillant"),
    ("buvette", "bar", "restauration"),
    ("sono", "sonorisation", "enceinte", "micro"),
    ("videoprojecteur", "projecteur", "retroprojecteur", "videoprojection"),
    ("informatique", "ordinateur", "pc", "numerique"),
    ("graphisme", "graphiste", "affiche", "maquette"),
) for w in group}


def tokens(text: str) -> frozenset[str]:
    """The meaningful words of a text, normalised: the unit of text relevance."""
    found = (stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS and len(w) > 1)
    return frozenset(SAME.get(w, w) for w in found)


def spellings(text: str) -> tuple[tuple[str, str], ...]:
    """(token, word as written, lowercase) for the words of a text, in order: reasons show words as
    people wrote them."""
    pairs = {}
    for word in re.findall(r"\w+", (text or "").lower()):
        folded = fold(word)
        if folded in STOP_WORDS or len(folded) < 2:
            continue
        token = stem(folded)
        pairs.setdefault(SAME.get(token, token), word)
    return tuple(pairs.items())  # in the order of the text


def overlap(source: frozenset[str], source_keys: frozenset[str], other: frozenset[str],
            other_keys: frozenset[str]) -> float:
    """0..1: how much of the source's words the other listing covers; title/tag words count double.

    "Keys" are the words of the title and tags, the rest come from the description.
    """
    if not source:
        return 0.0
    weight = {w: (2.0 if w in source_keys else 1.0) for w in source}
    total = sum(weight.values())
    hit = sum(weight[w] * (1.5 if w in other_keys else 1.0) for w in source if w in other)
    # Covering half of a listing's words (weighted) is already a strong textual match.
    return min(1.0, 2.0 * hit / total)
