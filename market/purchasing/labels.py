"""Words shown for a group purchase's status and its split rule, and for where a purchase on quotation stands."""
from flask_babel import lazy_gettext as _l

STATUS = {"open": _l("ouvert aux engagements"), "short": _l("minimum non atteint, en attente de décision"),
          "confirmed": _l("confirmé"), "cancelled": _l("annulé")}
SPLIT = {"quantity": _l("partagés selon la quantité"), "equal": _l("partagés à parts égales")}
QUOTE_PHASES = {"collecting": _l("ouvert aux structures intéressées"), "negotiating": _l("offre en négociation"),
                "offered": _l("offre publiée, réponses attendues"), "expired": _l("offre close"),
                "cancelled": _l("annulé")}


def purchase_status(status: str) -> str:
    return str(STATUS.get(status, status))


def purchase_split(rule: str) -> str:
    return str(SPLIT.get(rule, rule))


def quote_phase(phase: str) -> str:
    return str(QUOTE_PHASES.get(phase, phase))
