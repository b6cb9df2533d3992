"""Words shown for a group purchase's status and its split rule, and for where a purchase on quotation stands."""
from flask_babel import lazy_gettext as _l

STATUS = {"open": _l("ouvert aux engagements"), "short": _l("minimum non atteint, en attente de décision"),
          "confirmed": _l("confirmé"), "cancelled": _l("annulé")}
SPLIT = {"quantity": _l("partagés selon la quantité"), "equal": _l("partagés à parts égales")}
QUOTE_PHASES = {"collecting": _l("ouvert aux structures intéressées"), "negotiating": _l("offre en négociation"),
                "offered": _l("offre publiée, réponses attendues"), "expired": _l("offre close"),
                "cancelled": _l("annulé")}


INVARIABLE_AL = ("bal", "festival", "carnaval", "récital", "régal", "chacal")


def unit_for(count: int, unit: str) -> str:
    """The unit as written for `count` of them: "ramette de 500 feuilles", "40 ramettes de 500 feuilles".

    Units are typed in the singular; the first word takes the French plural (s, x after -eau/-au/-eu, -aux
    for -al). Abbreviations and symbols (kg, m², "lot10") and words already ending in s, x or z stay as typed."""
    if count <= 1 or not unit:
        return unit
    head, space, tail = unit.partition(" ")
    low = head.lower()
    if len(head) <= 2 or not head.isalpha() or low[-1] in "sxz":
        return unit
    if low.endswith(("eau", "au", "eu")) and low not in ("pneu", "bleu"):
        head += "x"
    elif low.endswith("al") and low not in INVARIABLE_AL:
        head = head[:-2] + ("AUX" if head.isupper() else "aux")
    else:
        head += "S" if head.isupper() else "s"
    return head + space + tail


def purchase_status(status: str) -> str:
    return str(STATUS.get(status, status))


def purchase_split(rule: str) -> str:
    return str(SPLIT.get(rule, rule))


def quote_phase(phase: str) -> str:
    return str(QUOTE_PHASES.get(phase, phase))
