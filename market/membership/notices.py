"""Renewal reminders: once per structure and year, to its administrators, in the renewal season."""
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale, gettext as _

from market.accounts.models import Organization
from market.extensions import db
from market.i18n import format_date, format_money
from market.labels import label
from market.membership import queries, rules, services
from market.membership.models import Adhesion
from market.notifications.services import notify
from market.types import utcnow


def _claim(adhesion: Adhesion, now: datetime) -> bool:
    """Conditional UPDATE: of two runs at once, one only finds the reminder still to send."""
    done = db.session.execute(sa.update(Adhesion).where(Adhesion.id == adhesion.id, Adhesion.reminder_sent_at.is_(None))
                              .values(reminder_sent_at=now).execution_options(synchronize_session=False)).rowcount
    db.session.expire(adhesion, ["reminder_sent_at"])
    return done == 1


def _body(view: queries.YearView) -> str:
    if view.due is None:
        amount = _("Déclarez la taille de votre structure sur sa page « Adhésion » : la cotisation en dépend.")
    else:
        amount = _("La cotisation %(year)d de %(name)s est de %(amount)s (%(type)s, %(size)s).", year=view.year,
                   name=view.organization.name, amount=format_money(view.owed),
                   type=label("legal_form", view.organization.legal_form).lower(),
                   size=str(rules.SIZES[view.size]).lower())
    return " ".join((amount, _("Réglez-la à l'équipe de coordination, en espèces, par chèque ou par virement, avant le "
                               "%(day)s : au-delà, ce que le réseau réserve à ses adhérents ne vous sera plus ouvert.",
                               day=format_date(rules.grace_end(view.year), "long"))))


def send_reminders(today: date | None = None, now: datetime | None = None) -> int:
    """Remind every structure paid up last year and not yet for the renewal year; returns how many were.
    Nothing before the season opens, nor while the year has no fee schedule. Running it twice sends nothing more."""
    now = now or utcnow()
    today = today or now.astimezone(rules.PARIS).date()
    year = rules.renewal_year(today)
    if not rules.in_reminder_season(year, today) or not queries.rates(year):
        return 0
    sent = 0
    for organization_id in queries.due_for_reminder(year):
        organization = db.session.get(Organization, organization_id)
        adhesion = services.open_year(organization, year, now)
        if not _claim(adhesion, now):
            continue
        sent += 1
        view = queries.year_view(organization, year, today)
        url = url_for("membership.organization", slug=organization.slug, _external=True)
        for admin in organization.admins():
            if admin.status != "active":
                continue
            with force_locale(admin.locale or "fr"):
                notify(admin, "membership_reminder",
                       _("Renouvelez l'adhésion %(year)d de %(name)s", year=year, name=organization.name), url,
                       body=_body(view), dedupe_key=f"membership:{organization.id}:{year}:reminder")
    return sent
