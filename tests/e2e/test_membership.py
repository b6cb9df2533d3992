"""Issue 18's "done means", tried as people would: on a desktop the coordinator sets next year's fee schedule,
records three payments (each structure then "à jour") and sends the renewal reminder to the fourth; on a phone
that fourth structure reads the reminder and what it owes; the observatory shows the members as an SVG chart with
its tables, printable, with a CSV. Set E2E_SHOTS=<folder> to keep a screenshot of every step."""
import csv
import io
import os
import re
from datetime import date

from playwright.sync_api import expect

from market.extensions import db
from market.membership import queries, rules, services
from market.membership.demo import schedule
from tests.e2e.journeys import flash, follow, go, log_in, send
from tests.factories import CUSSET, GANNAT, VICHY, make_coordinator, make_org, make_user

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 375, "height": 812}}
# (key, name, legal form, commune, size, last year's fee in cents)
MEMBERS = (("cinema", "Ciné-Grillon", "association", VICHY, "none", 3000),
           ("jardin", "Les Potagers de la Grenouillère", "social_enterprise", CUSSET, "medium", 20000),
           ("mutuelle", "Mutuelle Entraide des Sources", "mutual", VICHY, "small", 15000),
           ("galerie", "Galerie Pivoine et Graphite", "association", GANNAT, "none", 3000))


def shot(page, name):
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True, timeout=60_000)


def _last_year_members(app, year):
    """Four structures paid up last year (their payments recorded then), no schedule yet for `year`."""
    coordinator = make_coordinator()
    admins = {}
    with app.test_request_context():
        services.set_fees(coordinator, year - 1, schedule())
        for key, name, form, commune, size, cents in MEMBERS:
            admins[key] = make_user(f"{key}@example.org", f"Équipe {name}")
            organization = make_org(admins[key], name=name, legal_form=form, commune=commune,
                                    sectors="culture" if key in ("cinema", "galerie") else "économie sociale")
            services.record_payment(coordinator, organization, year - 1, cents, "cheque",
                                    min(date(year - 1, 3, 1), queries.today()), size=size)
        db.session.commit()
    return coordinator, admins


def test_a_year_of_membership_from_the_schedule_to_the_observatory(app, new_page):
    today = queries.today()
    year = rules.renewal_year(today)
    coordinator, admins = _last_year_members(app, year)

    desk = log_in(new_page(**DESKTOP), coordinator.email)
    panel = desk.get_by_role("region", name="Adhésion au réseau")
    expect(panel).to_contain_text(f"Le barème {year} reste à fixer.")
    follow(desk, panel.get_by_role("link", name=f"Gérer les adhésions {year}"))
    shot(desk, "01-coordination-no-schedule-desktop")
    follow(desk, f"Fixer le barème {year}")
    expect(desk.get_by_text(f"les montants de {year - 1} sont proposés")).to_be_visible()
    association = desk.get_by_role("group", name="Association")
    expect(association.get_by_label("Sans salarié (€)")).to_have_value("30,00")
    association.get_by_label("Sans salarié (€)").fill("35")
    desk.get_by_role("group", name="Entreprise sociale").get_by_label("10 à 49 salariés (€)").fill("210")
    desk.get_by_role("group", name="Mutuelle").get_by_label("1 à 9 salariés (€)").fill("deux cents")
    shot(desk, "02-fee-schedule-desktop")
    send(desk, f"Enregistrer le barème {year}")
    expect(desk.get_by_role("alert")).to_contain_text("Montant invalide")  # the summary, then the field
    expect(desk.get_by_role("group", name="Mutuelle").get_by_label("1 à 9 salariés (€)")).to_have_value("deux cents")
    desk.get_by_role("group", name="Mutuelle").get_by_label("1 à 9 salariés (€)").fill("160")
    send(desk, f"Enregistrer le barème {year}")
    expect(flash(desk)).to_contain_text(f"Barème {year} enregistré")

    for key, name, *_rest in MEMBERS[:3]:  # three payments, each by its own way
        follow(desk, desk.get_by_role("link", name=f"Enregistrer un paiement – {name}"))
        method = {"cinema": "Chèque", "jardin": "Virement", "mutuelle": "Espèces"}[key]
        desk.get_by_role("radio", name=method).check()
        desk.get_by_label(re.compile("^Référence")).fill(f"{method} {name[:12]}")
        if key == "cinema":
            shot(desk, "03-payment-form-desktop")
        send(desk, "Enregistrer le paiement")
        expect(flash(desk)).to_contain_text(f"pour {name} : adhésion {year} à jour")
    reminders = desk.get_by_role("button", name=re.compile("Envoyer le rappel de renouvellement"))
    if rules.in_reminder_season(year, today):
        expect(reminders).to_have_text("Envoyer le rappel de renouvellement (1 structure)")
        send(desk, "Envoyer le rappel de renouvellement (1 structure)")
        expect(flash(desk)).to_contain_text("Rappels de renouvellement envoyés : 1.")
        expect(desk.get_by_role("row", name=re.compile("Galerie Pivoine"))).to_contain_text("rappel envoyé le")
        expect(desk.get_by_role("button", name=re.compile("Envoyer le rappel"))).to_have_count(0)  # sent once
    shot(desk, "04-roster-desktop")
    with desk.expect_download() as download:
        desk.get_by_role("link", name=f"Télécharger les paiements {year} (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read()), delimiter=";"))
    assert sorted((r["Structure"], r["Montant (€)"]) for r in rows) == [
        ("Ciné-Grillon", "35,00"), ("Les Potagers de la Grenouillère", "210,00"),
        ("Mutuelle Entraide des Sources", "160,00")]

    phone = log_in(new_page("phone", **PHONE), admins["galerie"].email)
    membership = phone.get_by_role("region", name="Adhésion au réseau")
    expect(membership).to_contain_text(f"adhésion {year}")
    expect(membership).to_contain_text("reste à régler : 35,00")
    shot(phone, "05-mon-espace-phone")
    if rules.in_reminder_season(year, today):
        go(phone, "/notifications")
        follow(phone, phone.get_by_role("link", name=re.compile(f"Renouvelez l'adhésion {year}")))
    else:
        follow(phone, membership.get_by_role("link", name=re.compile("Galerie Pivoine")))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Adhésion de Galerie Pivoine et Graphite")
    expect(phone.locator("[data-owed]")).to_have_text("35,00\u00a0€")
    shot(phone, "06-organization-page-phone")

    period = f"?first={today.year}-01-01&last={today.isoformat()}"
    go(desk, f"/coordination/observatoire{period}")
    members = desk.get_by_role("article", name="Structures à jour de leur cotisation")
    expect(members.get_by_role("img", name=re.compile("Structures à jour de leur cotisation"))).to_be_visible()
    expect(members.get_by_role("table", name=re.compile("par type de structure"))).to_be_visible()
    expect(desk.get_by_role("article", name="Cotisations reçues")).to_be_visible()
    shot(desk, "07-observatory-dashboard-desktop")
    desk.emulate_media(media="print")
    shot(desk, "08-observatory-print")
    desk.emulate_media(media="screen")
    go(phone, f"/observatoire{period}")
    expect(phone.get_by_role("heading", name="Adhésions au réseau")).to_be_visible()
    expect(phone.get_by_role("article", name="Cotisations reçues")).to_have_count(0)  # the coordination's only
    shot(phone, "09-observatory-phone")
