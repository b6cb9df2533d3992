"""Reads of the observatory: every registered figure added up over a period, from its source records."""
from dataclasses import dataclass

from market import figures as registry
from market import geo
from market.figures import Figure, Section
from market.observatory import rules
from market.observatory.rules import Period, Totals


@dataclass
class FigureReport:
    figure: Figure
    totals: Totals

    def commune_name(self, code) -> str:
        commune = geo.get(code) if code else None
        return commune.name if commune else (code or "—")


def report(period: Period, public_only: bool = True) -> list[tuple[Section, list[FigureReport]]]:
    return [(section, [figure_report(f, period) for f in figures])
            for section, figures in registry.sections(public_only)]


def figure_report(figure: Figure, period: Period) -> FigureReport:
    return FigureReport(figure, rules.totals(figure.rows(period.start, period.end), period))


def csv_rows(reports):
    """One line per figure and dimension: the same numbers as the page, for a spreadsheet."""
    for section, figure_reports in reports:
        for fr in figure_reports:
            base = (str(section.label), str(fr.figure.label), fr.figure.unit)
            yield (*base, "total", "", fr.totals.total)
            for month, value in fr.totals.by_month:
                yield (*base, "mois", month, value)
            for code, value in fr.totals.by_commune:
                yield (*base, "commune", fr.commune_name(code), value)
            for category, value in fr.totals.by_category:
                yield (*base, "catégorie", category, value)
