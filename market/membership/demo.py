"""Demo memberships: the fee schedules of last year and of the year to renew (2027 when loaded in December 2026),
four structures paid up last year, three of them already renewed, the fourth due for its renewal reminder."""
from datetime import date, timedelta

from market.accounts.models import LEGAL_FORMS
from market.membership import rules, services

# Yearly fee in euros by type of structure, for each size: none, 1-9, 10-49, 50 and more salaried staff
FEES_EUR = {"association": (30, 60, 120, 250), "cooperative": (50, 100, 200, 400), "mutual": (80, 150, 300, 600),
            "foundation": (80, 150, 300, 600), "social_enterprise": (50, 100, 200, 400),
            "public_body": (150, 300, 500, 800), "collective": (20, 40, 80, 160), "other": (30, 60, 120, 250)}
# (organisation key, size, method of last year's payment, reference, month it was paid, renewed already?)
MEMBERS = [("cinema", "none", "cheque", "Chèque n° 0012345", 1, True),
           ("jardin", "medium", "transfer", "VIR POTAGERS GRENOUILLERE", 2, True),
           ("mutuelle", "small", "transfer", "VIR MUTUELLE ENTRAIDE", 3, True),
           ("galerie", "none", "cash", "Reçu n° 7", 5, False)]
RENEWALS = {"cinema": ("cheque", "Chèque n° 0012398"), "jardin": ("transfer", "VIR POTAGERS COTIS"),
            "mutuelle": ("cash", "Reçu n° 12")}


def schedule(increase_eur: int = 0) -> dict:
    return {(t, size): (FEES_EUR[t][i] + increase_eur) * 100
            for t in LEGAL_FORMS for i, size in enumerate(rules.SIZES)}


def load(coordinator, organizations: dict, today: date) -> None:
    year = rules.renewal_year(today)
    services.set_fees(coordinator, year - 1, schedule())
    services.set_fees(coordinator, year, schedule(increase_eur=5))
    last_rates, rates = schedule(), schedule(increase_eur=5)
    for i, (key, size, method, reference, month, renewed) in enumerate(MEMBERS):  # through the coordinator's service
        organization = organizations[key]
        paid_on = min(date(year - 1, month, 10), today)
        services.record_payment(coordinator, organization, year - 1, last_rates[(organization.legal_form, size)],
                                method, paid_on, reference, size=size)
        if renewed:
            method, reference = RENEWALS[key]
            services.record_payment(coordinator, organization, year, rates[(organization.legal_form, size)], method,
                                    today - timedelta(days=i + 1), reference, size=size)
