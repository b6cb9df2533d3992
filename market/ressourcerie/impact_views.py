"""The public impact page of the ressourcerie and its CSV export for the annual report."""
import csv
import io
from datetime import date

from flask import Response, render_template
from flask_babel import format_date

from market.ressourcerie import queries, rules
from market.ressourcerie.labels import rlabel
from market.ressourcerie.views import bp


@bp.get("/impact")
def impact():
    sums = rules.impact(queries.impact_entries())
    widest = max([t.weight_g for t in sums["category"].values()] or [1]) or 1
    return render_template("ressourcerie/impact.html", sums=sums, widest=widest, kilos=rules.kilos,
                           factors=rules.CO2E_FACTORS, month_name=_month_name)


def _month_name(key: str) -> str:
    """'décembre 2026' for '2026-12'."""
    year, month = key.split("-")
    return format_date(date(int(year), int(month), 1), "MMMM y")


@bp.get("/impact.csv")
def impact_csv():
    sums = rules.impact(queries.impact_entries())
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["axe", "valeur", "articles", "kg", "kg CO2e (estimation)"])
    writer.writerow(["total", "", sums["total"].items, rules.kilos(sums["total"].weight_g),
                     rules.kilos(sums["total"].co2e_g)])
    for axis in ("category", "month", "giver", "receiver"):
        for key, totals in sums[axis].items():
            shown = rlabel("category", key) if axis == "category" else key
            writer.writerow([axis, _safe(shown), totals.items, rules.kilos(totals.weight_g), rules.kilos(totals.co2e_g)])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=ressourcerie-impact.csv"})


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
