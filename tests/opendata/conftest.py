"""Open-data fixtures: a network with public and private data, and the vendored HSDS 3.0 schemas."""
import gzip
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from market.extensions import db
from tests.api.conftest import openapi_doc, validate  # noqa: F401  (responses checked against /api/v1/openapi.json)
from tests.factories import CUSSET, make_listing, make_org, make_user

SCHEMAS = Path(__file__).parent / "schemas"
PRIVATE = ["alice.privee@example.org", "Alice Martin", "vero.benevole@example.org", "Véronique Bénévole",
           "06 11 22 33 44", "Brouillon secret", "En attente secrète", "Masquée secrète", "Asso suspendue",
           "Offre de bénévole", "Nouvelle asso", "Suspendue secrète"]


def hsds_schema(name: str) -> dict:
    path = SCHEMAS / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") if path.exists() else open(SCHEMAS / f"{name}.json") as fh:
        return json.load(fh)


@pytest.fixture(scope="session")
def hsds_validate():
    validators = {}

    def check(body, name):
        if name not in validators:
            validators[name] = Draft202012Validator(hsds_schema(name), format_checker=FormatChecker())
        validators[name].validate(body)
        return body
    return check


@pytest.fixture
def network():
    """One verified organisation with an offer and a need, and everything that must stay out of open data."""
    alice = make_user("alice.privee@example.org", "Alice Martin")
    cinema = make_org(alice, email="contact@cinema.example", phone="04 70 00 00 00", website="https://cinema.example",
                      address="2 rue du Lac", siret="12345678900011")
    made = {"cinema": cinema,
            "offer": make_listing(alice, cinema, title="Sono & micros <200 W>", category="equipment"),
            "need": make_listing(alice, cinema, kind="need", category="premises", title="Une salle pour 50",
                                 commune_code=CUSSET, terms="free"),
            "draft": make_listing(alice, cinema, title="Brouillon secret", submit=False)}
    hidden = make_listing(alice, cinema, title="Masquée secrète")
    hidden.hidden = True
    vero = make_user("vero.benevole@example.org", "Véronique Bénévole", volunteer=True)
    made["volunteer"] = make_listing(vero, None, title="Offre de bénévole", category="skill", skill_domain="it",
                                     terms="free")
    pending_org = make_org(make_user("carole@example.org", "Carole"), name="Nouvelle asso", status="pending")
    make_listing(pending_org.admins()[0], pending_org, title="En attente secrète")
    suspended = make_org(make_user("dan@example.org", "Dan"), name="Asso suspendue", phone="06 11 22 33 44")
    make_listing(suspended.admins()[0], suspended, title="Suspendue secrète")
    suspended.status = "suspended"
    db.session.commit()
    return made
