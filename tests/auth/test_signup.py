"""Sign-up answers alike whether the address has an account or not; the mailbox decides the rest."""
import sqlalchemy as sa

from market.accounts.models import User
from market.extensions import db
from tests.factories import PASSWORD, body_text, confirmation_path, make_user

OTHER_PASSWORD = "un autre mot de passe"


def _sign_up(client, email, name="Léa Dupont", password=PASSWORD, url="/inscription", **extra):
    return client.post(url, data={"display_name": name, "email": email, "password": password,
                                  "confirm": password, **extra})


_link = confirmation_path


def test_a_new_address_gets_a_link_that_confirms_and_logs_in(client, outbox):
    response = _sign_up(client, "Lea@Example.org")
    assert response.status_code == 302 and response.headers["Location"].endswith("/inscription/envoyee")
    assert "Vérifiez votre boîte mail" in client.get("/inscription/envoyee").get_data(as_text=True)
    assert client.get("/mon-espace").status_code == 302  # not logged in before the address is confirmed
    mail, = outbox()
    assert mail["To"] == "lea@example.org" and "Confirmez votre adresse" in mail["Subject"]
    assert client.post("/connexion", data={"email": "lea@example.org", "password": PASSWORD}).status_code == 200
    response = client.get(_link(mail))
    assert response.status_code == 302 and response.headers["Location"].endswith("/mon-espace")
    assert "Bonjour Léa Dupont" in client.get("/mon-espace").get_data(as_text=True)
    assert db.session.scalar(sa.select(User.status)) == "active"


def test_a_taken_address_gets_the_same_answer_and_its_owner_an_email(app, client, outbox):
    owner = make_user("lea@example.org", "Léa Propriétaire")
    new = _sign_up(app.test_client(), "nouvelle@example.org")
    taken = _sign_up(client, "LEA@example.org", name="Quelqu'un", password=OTHER_PASSWORD)
    assert (taken.status_code, taken.headers["Location"]) == (new.status_code, new.headers["Location"])
    assert client.get("/inscription/envoyee").get_data(as_text=True).count("Un compte existe") == 0
    mails = {m["To"]: m for m in outbox()}
    warning = mails["lea@example.org"]
    assert "Quelqu'un a voulu créer un compte" in warning["Subject"]
    assert "/connexion" in body_text(warning) and "/mot-de-passe-oublie" in body_text(warning)
    db.session.expire_all()
    assert owner.display_name == "Léa Propriétaire" and owner.check_password(PASSWORD)  # nothing changed
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2


def test_the_volunteer_sign_up_answers_alike_and_keeps_the_profile_until_confirmed(app, client, outbox):
    make_user("deja@example.org")
    data = {"commune": "Vichy", "radius_km": "20", "skills": "conduite minibus"}
    taken = _sign_up(client, "deja@example.org", url="/benevole", **data)
    new = _sign_up(app.test_client(), "paul@example.org", name="Paul Bénévole", url="/benevole", **data)
    assert taken.headers["Location"] == new.headers["Location"] and new.headers["Location"].endswith("/inscription/envoyee")
    paul = db.session.scalar(sa.select(User).where(User.email == "paul@example.org"))
    assert paul.status == "unconfirmed" and paul.is_volunteer and paul.volunteer_profile is not None
    mail = next(m for m in outbox() if m["To"] == "paul@example.org")
    browser = app.test_client()
    browser.get(_link(mail))
    assert "conduite minibus" in browser.get("/benevole").get_data(as_text=True)


def test_signing_up_again_before_confirming_replaces_the_first_attempt(client, outbox):
    _sign_up(client, "lea@example.org", name="Premier essai")
    first = _link(outbox()[-1])
    _sign_up(client, "lea@example.org", name="Léa Dupont", password=OTHER_PASSWORD)
    second = _link(outbox()[-1])
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    response = client.get(first)  # the first link died with the first password
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    client.get(second)
    assert "Bonjour Léa Dupont" in client.get("/mon-espace").get_data(as_text=True)


def test_logging_in_before_confirming_sends_the_link_again_only_with_the_right_password(client, outbox):
    _sign_up(client, "lea@example.org")
    assert len(outbox()) == 1
    wrong = client.post("/connexion", data={"email": "lea@example.org", "password": "pas le bon mot"})
    assert "Adresse e-mail ou mot de passe incorrect." in wrong.get_data(as_text=True) and len(outbox()) == 1
    right = client.post("/connexion", data={"email": "lea@example.org", "password": PASSWORD})
    assert "nous venons de vous renvoyer le lien" in right.get_data(as_text=True) and len(outbox()) == 2


def test_a_forged_or_garbled_link_logs_nobody_in(client):
    for token in ("abc", "x" * 300, "eyJpZCI6MX0.abc.def"):
        response = client.get(f"/inscription/confirmer/{token}")
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]
