"""Pure moderation rules: decision codes and their labels, report thresholds, reason checks."""
from flask_babel import lazy_gettext as _l

from market.moderation.models import REPORT_REASONS

ACTIONS = {
    "listing_approved": _l("Annonce approuvée"),
    "listing_rejected": _l("Annonce refusée"),
    "listing_changes_requested": _l("Modifications demandées"),
    "listing_hidden": _l("Annonce masquée après signalements"),
    "organization_verified": _l("Structure vérifiée"),
    "organization_suspended": _l("Structure suspendue"),
    "organization_reinstated": _l("Structure rétablie"),
    "user_suspended": _l("Compte suspendu"),
    "user_reinstated": _l("Compte rétabli"),
    "reports_upheld": _l("Signalements confirmés"),
    "reports_dismissed": _l("Signalements écartés"),
    "token_revoked": _l("Jeton d'accès révoqué"),
}

TARGET_TYPES = {
    "listing": _l("Annonce"),
    "organization": _l("Structure"),
    "user": _l("Compte"),
}

def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def target_type_label(code: str) -> str:
    return str(TARGET_TYPES.get(code, code))


def should_hide(open_reporters: int, threshold: int) -> bool:
    """A listing is hidden once `threshold` different people have open reports on it."""
    return threshold > 0 and open_reporters >= threshold


def valid_reason(code: str) -> bool:
    return code in REPORT_REASONS


def report_text_required(code: str) -> bool:
    """'Other' says nothing by itself: the reporter must explain."""
    return code == "other"


def clean_text(text: str | None, limit: int = 2000) -> str:
    return (text or "").strip()[:limit]


def truncate_label(text: str, limit: int = 200) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
