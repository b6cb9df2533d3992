"""API fixtures: an organisation with its admin, and response validation against our OpenAPI document."""
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from market.api.openapi import document
from market.extensions import db
from market.listings import rules
from market.types import utcnow
from tests.factories import make_org, make_user

ALICE_EMAIL = "alice.privee@example.org"


@pytest.fixture
def alice():
    return make_user(ALICE_EMAIL, "Alice Martin")


@pytest.fixture
def cinema(alice):
    return make_org(alice, email="contact@cinema-bourbonnais.example", phone="04 70 00 00 00",
                    website="https://cinema-bourbonnais.example")


def approve(listing):
    """What a coordinator's approval does to a pending listing (moderation has no service yet)."""
    listing.status = rules.next_status(listing.status, "approve")
    listing.published_at = utcnow()
    db.session.commit()
    return listing


@pytest.fixture(scope="session")
def openapi_doc(app):
    with app.test_request_context("/api/v1/openapi.json"):
        return document()


@pytest.fixture(scope="session")
def validate(openapi_doc):
    """validate(body, "Listing") raises jsonschema.ValidationError when a response leaves the document."""
    registry = Registry().with_resource("urn:market-api", Resource.from_contents(openapi_doc, DRAFT202012))

    def check(body, schema_name):
        schema = {"$ref": f"urn:market-api#/components/schemas/{schema_name}"}
        Draft202012Validator(schema, registry=registry, format_checker=FormatChecker()).validate(body)
        return body
    return check


def bearer(user, scopes=("read", "write"), organization=None, name="script") -> dict:
    """Headers of a request made with a new token of `user`."""
    from market.tokens import services
    _token, raw = services.create_token(user, name, scopes, organization=organization)
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}
