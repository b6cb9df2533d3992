"""The organiser's spreadsheet of a purchase on quotation: who is interested, their details, who accepted."""
from flask_babel import format_datetime, gettext as _

from market.purchasing.quotes.forms import DETAIL_LABELS
from market.purchasing.quotes.queries import ordered_interests

ANSWERS = {"accepted": lambda: _("acceptée"), "declined": lambda: _("déclinée"), None: lambda: _("sans réponse")}


def interested(item) -> tuple[list, list]:
    """(header, rows): one row per organisation, those who accepted first, for the supplier or the insurer."""
    header = [_("Structure"), _("SIRET"), _("Commune"), _("E-mail de la structure"), _("Téléphone"),
              *[str(DETAIL_LABELS[name]) for name in item.asked], _("Précisions"), _("Inscrite par"),
              _("Réponse à l'offre"), _("Date de la réponse")]
    rows = []
    for row in ordered_interests(item):
        org = row.organization
        commune = org.commune
        rows.append([org.name, org.siret or "", commune.name if commune else "", org.email, org.phone,
                     *[getattr(row, name) for name in item.asked], row.note,
                     f"{row.registered_by.display_name} <{row.registered_by.email}>" if row.registered_by else "",
                     ANSWERS[row.answer](), format_datetime(row.answered_at, "short") if row.answered_at else ""])
    return header, rows
