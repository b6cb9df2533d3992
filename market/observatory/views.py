"""The observatory's pages: public figures for elected officials, the coordinators' dashboard, their CSV."""
from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import format_decimal, gettext as _

from market.i18n import format_date, format_money
from market.moderation.blueprint import coordinator_required
from market.observatory import queries, rules
from market.observatory.forms import PeriodForm
from market.spreadsheet import csv_response
from market.types import utcnow

bp = Blueprint("observatory", __name__)


def _period(form: PeriodForm) -> rules.Period:
    today = utcnow().astimezone(rules.PARIS).date()
    chosen = rules.default_period(today)
    if form.validate():
        chosen = rules.Period(first=form.first.data or chosen.first, last=form.last.data or chosen.last)
        if chosen.last < chosen.first:  # only one end typed, on the wrong side of the default other end
            chosen = rules.Period(first=chosen.first, last=chosen.first)
    return chosen


def _page(public_only: bool, endpoint: str):
    form = PeriodForm(request.args)
    period = _period(form)
    return render_template("observatory/index.html", form=form, period=period, public_only=public_only,
                           reports=queries.report(period, public_only), csv_endpoint=endpoint,
                           csv_args={"first": period.first.isoformat(), "last": period.last.isoformat()})


def _csv(public_only: bool):
    period = _period(PeriodForm(request.args))
    header = ["section", "chiffre", "unité", "dimension", "valeur de la dimension", "nombre"]
    filename = f"observatoire-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return csv_response(filename, header, queries.csv_rows(queries.report(period, public_only)))


@bp.get("/observatoire")
def public():
    return _page(True, "observatory.public_csv")


@bp.get("/observatoire.csv")
def public_csv():
    return _csv(True)


@bp.get("/coordination/observatoire")
@coordinator_required
def dashboard():
    return _page(False, "observatory.dashboard_csv")


@bp.get("/coordination/observatoire.csv")
@coordinator_required
def dashboard_csv():
    return _csv(False)


@bp.app_template_global()
def figure_amount(value: int, unit: str) -> str:
    """A figure as people read it: 1 234 ; 12,5 h ; 340 kg ; 1 200,00 €."""
    if unit == "cents":
        return format_money(value)
    if unit == "minutes":
        return _("%(hours)s h", hours=format_decimal(round(value / 60, 1)))
    if unit == "grams":
        return _("%(kg)s kg", kg=format_decimal(round(value / 1000, 1)))
    if unit == "kg":
        return _("%(kg)s kg", kg=format_decimal(value))
    return format_decimal(value)


@bp.context_processor
def _observatory_globals():
    return {"top": rules.top, "OTHERS": rules.OTHERS}


@bp.app_template_global()
def chart_bars(values, width, height):
    return rules.bars(values, width, height)


@bp.app_template_global()
def month_label(month: str) -> str:
    year, number = month.split("-")
    return format_date(date(int(year), int(number), 1), "MMM y")
