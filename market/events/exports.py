"""CSV files of events: a shift roster, an association's volunteer hours (cells cleaned of formulas)."""
from flask_babel import format_datetime, gettext as _

from market.events import rules
from market.spreadsheet import csv_text as _csv


def _local(dt) -> str:
    return format_datetime(dt, "yyyy-MM-dd HH:mm")


def roster_csv(lines) -> str:
    """`lines`: (shift, user, status label, position or None)."""
    header = [_("Créneau"), _("Début"), _("Fin"), _("Bénévole"), _("Adresse e-mail"), _("Statut"),
              _("Position en liste d'attente")]
    return _csv(header, ([s.role, _local(s.starts_at), _local(s.ends_at), u.display_name, u.email, status,
                          position or ""] for s, u, status, position in lines))


def hours_csv(attendances, hourly_cents: int) -> str:
    """One line per attended shift, then the total and its valuation with the method written out."""
    header = [_("Manifestation"), _("Créneau"), _("Date"), _("Bénévole"), _("Minutes"), _("Heures")]
    total = sum(a.minutes for a in attendances)
    rows = [[a.shift.event.title, a.shift.role, _local(a.shift.starts_at), a.user.display_name, a.minutes,
             rules.hours_text(a.minutes)] for a in attendances]
    rows.append([_("Total"), "", "", "", total, rules.hours_text(total)])
    rows.append([_("Valorisation"), "", "", "", "", f"{rules.valuation_cents(total, hourly_cents) / 100:.2f} €"
                 .replace(".", ",")])
    rows.append([_("Méthode"), valuation_method(hourly_cents), "", "", "", ""])
    return _csv(header, rows)


def hourly_rate() -> int:
    """The rate that values an hour of volunteering, in cents (configuration; the gross hourly SMIC by default)."""
    from flask import current_app
    return int(current_app.config.get("EVENTS_HOURLY_VALUATION_CENTS", 1202))


def valuation_method(hourly_cents: int) -> str:
    return _("Heures de bénévolat × SMIC horaire brut (%(rate)s € de l'heure), comme le fait Bénévalibre.",
             rate=f"{hourly_cents / 100:.2f}".replace(".", ","))
