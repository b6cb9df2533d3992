"""Names of the agenda's formats, shown in French first."""
from flask_babel import lazy_gettext as _l

FORMAT_LABELS = {
    "breakfast": _l("Petit déjeuner thématique"),
    "workshop": _l("Atelier"),
    "forum": _l("Forum"),
    "visit": _l("Visite (éduc'tour)"),
    "training": _l("Formation"),
    "event": _l("Manifestation d'un membre"),
}
STATUS_LABELS = {
    "pending": _l("En attente de modération"),
    "published": _l("Publié"),
    "rejected": _l("Refusé"),
    "cancelled": _l("Annulé"),
}


def format_label(code: str) -> str:
    return str(FORMAT_LABELS.get(code, code))


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def format_choices(codes) -> list[tuple[str, str]]:
    return [(code, FORMAT_LABELS[code]) for code in codes]
