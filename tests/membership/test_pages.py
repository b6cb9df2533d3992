"""The pages as people use them: the coordination sets a schedule, records payments, exports them; a structure
reads where it stands, declares its size, signs the charter; others are kept out."""
from market.extensions import db
from market.membership import queries
from market.membership.models import FeeRate, Payment
from tests.membership.conftest import pay, set_fees


def _schedule_form(amounts: dict) -> dict:
    from market.accounts.models import LEGAL_FORMS
    from market.membership.rules import SIZES
    data = {f"fee_{t}_{s}": "" for t in LEGAL_FORMS for s in SIZES}
    data.update({f"fee_{t}_{s}": value for (t, s), value in amounts.items()})
    return data


def test_the_coordination_sets_a_schedule_and_a_wrong_amount_keeps_what_was_typed(network, browser, this_year):
    c = browser(network["coordinator"])
    year = this_year + 1
    response = c.post(f"/coordination/adhesions/{year}/bareme", data=_schedule_form(
        {("association", "none"): "30", ("association", "small"): "soixante", ("public_body", "none"): "150,50"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Montant invalide" in page and 'value="soixante"' in page
    assert 'value="150,50"' in page and db.session.query(FeeRate).count() == 0
    response = c.post(f"/coordination/adhesions/{year}/bareme", data=_schedule_form(
        {("association", "none"): "30", ("association", "small"): "60", ("public_body", "none"): "150,50"}))
    assert response.status_code == 302
    assert queries.rates(year) == {("association", "none"): 3000, ("association", "small"): 6000,
                                   ("public_body", "none"): 15050}
    # the next year's page proposes these amounts until it is saved
    page = c.text(f"/coordination/adhesions/{year + 1}/bareme")
    assert f"Le barème {year + 1} n'est pas encore enregistré" in page and 'value="150,50"' in page


def test_recording_a_payment_through_the_page(network, browser, this_year):
    set_fees(network["coordinator"], this_year)
    c = browser(network["coordinator"])
    url = f"/coordination/adhesions/{this_year}/structures/{network['scop'].slug}"
    page = c.text(url)
    assert "SCOP Les Ateliers" in page and "Enregistrer un paiement reçu" in page
    response = c.post(url, data={"amount": "100", "method": "", "paid_on": queries.today().isoformat(),
                                 "reference": "VIR 123", "size": "small"})
    assert response.status_code == 422 and "Choisissez le mode de paiement" in response.get_data(as_text=True)
    response = c.post(url, data={"amount": "100", "method": "transfer", "paid_on": queries.today().isoformat(),
                                 "reference": "VIR 123", "size": "small"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Paiement de 100,00" in page and "adhésion %d à jour" % this_year in page
    roster = c.text(f"/coordination/adhesions?annee={this_year}&statut=paid_up")
    assert "SCOP Les Ateliers" in roster and "Ciné-Grillon" not in roster
    payment = db.session.query(Payment).one()
    response = c.post(f"/coordination/adhesions/paiements/{payment.id}/annuler", data={"reason": ""},
                      follow_redirects=True)
    assert "Indiquez la raison" in response.get_data(as_text=True)
    c.post(f"/coordination/adhesions/paiements/{payment.id}/annuler", data={"reason": "Virement rejeté"})
    assert "Annulé : Virement rejeté" in c.text(url)


def test_the_csv_of_the_year_s_payments(network, browser, this_year):
    set_fees(network["coordinator"], this_year)
    pay(network["coordinator"], network["cinema"], this_year, 3000, "none", reference="=HYPERLINK(1)")
    response = browser(network["coordinator"]).get(f"/coordination/adhesions/{this_year}/paiements.csv")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and text.startswith("\ufeffStructure;Année;Reçu le;Mode")
    assert f"Ciné-Grillon;{this_year};" in text and ";Chèque;'=HYPERLINK(1);30,00;non;" in text


def test_a_structure_reads_what_it_owes_declares_its_size_and_signs_the_charter(network, browser, this_year):
    set_fees(network["coordinator"], this_year)
    set_fees(network["coordinator"], this_year + 1)
    alice = browser(network["alice"])
    slug = network["cinema"].slug
    page = alice.text(f"/structures/{slug}/adhesion")
    assert "Adhésion de Ciné-Grillon" in page and "À déclarer ci-dessous" in page
    response = alice.post(f"/structures/{slug}/adhesion/taille", data={"size": "medium"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Taille enregistrée" in page and "120,00" in page
    dashboard = alice.text("/mon-espace")
    assert "Adhésion au réseau" in dashboard and "reste à régler : 120,00" in dashboard
    network["cinema"].charter_version = "0"
    db.session.commit()
    response = alice.post(f"/structures/{slug}/adhesion/charte", data={})
    assert response.status_code == 422 and "Cochez la case pour signer la charte" in response.get_data(as_text=True)
    alice.post(f"/structures/{slug}/adhesion/charte", data={"accept": "y"})
    db.session.refresh(network["cinema"])
    assert network["cinema"].charter_version == "1"


def test_members_read_admins_declare_and_others_are_kept_out(network, browser):
    slug = network["cinema"].slug
    colleague = browser(network["colleague"])
    assert "Adhésion de Ciné-Grillon" in colleague.text(f"/structures/{slug}/adhesion")
    assert colleague.post(f"/structures/{slug}/adhesion/taille", data={"size": "none"}).status_code == 403
    assert browser(network["outsider"]).get(f"/structures/{slug}/adhesion").status_code == 403
    assert browser(network["alice"]).get("/coordination/adhesions").status_code == 403
