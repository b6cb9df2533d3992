"""Group purchases and purchases on quotation through the API: the pages' services and permissions, with a token."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g

from market.extensions import db
from market.notifications.models import Notification
from market.purchasing.models import Commitment, PurchaseGroup
from market.purchasing.quotes import services as quotes
from market.types import utcnow
from tests.api.conftest import bearer, openapi_doc, validate  # noqa: F401  (fixtures)
from tests.purchasing.conftest import commit, open_paper
from tests.purchasing.test_closing import pass_deadline


class Api:
    """One token holder's client (the tests share one app context: nothing of a request stays in `g`)."""

    def __init__(self, app, user, scopes=("read", "write")):
        self.client, self.headers = app.test_client(), bearer(user, scopes) if user else {}

    def __call__(self, method, url, headers=None, **kwargs):
        for name in ("_login_user", "api_user", "api_token"):
            g.pop(name, None)
        try:
            return getattr(self.client, method)(f"/api/v1{url}", headers={**self.headers, **(headers or {})},
                                                **kwargs)
        finally:
            for name in ("_login_user", "api_user", "api_token"):
                g.pop(name, None)


@pytest.fixture
def api(app):
    return lambda user, **kwargs: Api(app, user, **kwargs)


def _total(group_id) -> int:
    db.session.expire_all()
    stored = db.session.get(PurchaseGroup, group_id).committed_total
    assert stored == sum(c.quantity for c in db.session.scalars(sa.select(Commitment).where(
        Commitment.group_id == group_id)))
    return stored


def test_four_associations_commit_by_api_and_see_the_second_tier(network, paper, api, validate):
    people, orgs = network["people"], network["orgs"]
    for user, org, qty in zip(people[:3], orgs[:3], (40, 35, 24)):
        response = api(user)("post", f"/purchases/{paper.id}/commitments", json={"quantity": qty})
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["organization"]["slug"] == org.slug
    body = validate(api(people[3])("get", f"/purchases/{paper.id}").get_json(), "Purchase")
    assert body["figures"]["total"] == 99 and body["figures"]["unit_price_cents"] == 420
    assert body["figures"]["next_tier"] == {"min_quantity": 100, "unit_price_cents": 380, "units_missing": 1}
    last = api(people[3])
    response = last("post", f"/purchases/{paper.id}/commitments", json={"quantity": 1, "organization": orgs[3].slug},
                    headers={"Idempotency-Key": "ramette-amap-1"})
    assert response.status_code == 201
    validate(response.get_json(), "Commitment")
    again = last("post", f"/purchases/{paper.id}/commitments", json={"quantity": 1, "organization": orgs[3].slug},
                 headers={"Idempotency-Key": "ramette-amap-1"})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert _total(paper.id) == 100  # the replay made nothing
    body = last("get", f"/purchases/{paper.id}").get_json()
    assert (body["figures"]["tier_number"], body["figures"]["unit_price_cents"]) == (2, 380)
    assert [t["reached"] for t in body["tiers"]] == [False, True, False]
    assert body["figures"]["next_tier"]["units_missing"] == 400
    mine = body["my_commitments"]
    assert len(mine) == 1 and mine[0]["quantity"] == 1 and mine[0]["unit_price_cents"] == 380
    assert mine[0]["frozen"] is False and mine[0]["saving_cents"] == 40
    told = {n.user_id for n in db.session.scalars(sa.select(Notification).where(Notification.kind == "purchase_tier"))}
    assert people[0].id in told and people[3].id not in told  # everyone else hears of the new price
    listed = validate(last("get", "/purchases").get_json(), "PurchaseList")
    assert [p["id"] for p in listed["items"]] == [paper.id]


def test_change_and_withdraw_with_a_token_keep_the_total_equal_to_the_sum(network, paper, api):
    a, org_a = network["people"][0], network["orgs"][0]
    client = api(a)
    created = client("post", f"/purchases/{paper.id}/commitments", json={"quantity": 40}).get_json()
    url = f"/commitments/{created['id']}"
    assert client("patch", url, json={"quantity": 12}).get_json()["quantity"] == 12
    assert _total(paper.id) == 12
    conflict = client("post", f"/purchases/{paper.id}/commitments", json={"quantity": 5})
    assert conflict.status_code == 409 and conflict.get_json()["error"]["code"] == "already_committed"
    assert client("delete", url).status_code == 204
    assert _total(paper.id) == 0 and client("get", url).status_code == 404
    assert client("patch", url, json={"quantity": 0}).status_code in (404, 422)


def test_refusals_are_the_pages_words_in_the_one_error_shape(network, api):
    group = open_paper(network["coordinator"], max_quantity=60)
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    api(a)("post", f"/purchases/{group.id}/commitments", json={"quantity": 40})
    refused = api(b)("post", f"/purchases/{group.id}/commitments", json={"quantity": 25})
    assert refused.status_code == 422
    assert "20 unités" in refused.get_json()["error"]["fields"]["quantity"]
    other = api(b)("post", f"/purchases/{group.id}/commitments", json={"quantity": 2, "organization": org_a.slug})
    assert other.status_code == 422 and "organization" in other.get_json()["error"]["fields"]
    commitment_id = db.session.scalar(sa.select(Commitment.id).where(Commitment.organization_id == org_a.id))
    assert api(b)("patch", f"/commitments/{commitment_id}", json={"quantity": 1}).status_code == 404  # not theirs
    assert api(a, scopes=("read",))("patch", f"/commitments/{commitment_id}", json={"quantity": 1}).status_code == 403
    anonymous = api(None)("get", f"/purchases/{group.id}")
    assert anonymous.status_code == 401 and "Bearer" in anonymous.headers["WWW-Authenticate"]
    outsider = api(network["outsider"])("post", f"/purchases/{group.id}/commitments", json={"quantity": 1})
    assert outsider.status_code == 403
    assert api(a)("get", "/purchases/999999").status_code == 404
    pass_deadline(group)
    closed = api(a)("patch", f"/commitments/{commitment_id}", json={"quantity": 10})
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "refused"
    assert _total(group.id) == 40


def test_once_confirmed_each_member_reads_its_amount_and_the_organiser_all(network, paper, api, validate):
    people, orgs = network["people"], network["orgs"]
    assert api(people[0])("get", f"/purchases/{paper.id}/amounts").status_code == 409
    for user, org, qty in zip(people, orgs, (40, 35, 24, 1)):
        commit(user, paper, org, qty)
    pass_deadline(paper)
    own = validate(api(people[0])("get", f"/purchases/{paper.id}/amounts").get_json(), "PurchaseAmounts")
    assert [(i["organization"]["slug"], i["amount_cents"]) for i in own["items"]] == [(orgs[0].slug, 40 * 380 + 1600)]
    everyone = api(network["coordinator"])("get", f"/purchases/{paper.id}/amounts").get_json()
    assert len(everyone["items"]) == 4 and everyone["unit_price_cents"] == 380
    assert sum(i["amount_cents"] for i in everyone["items"]) == everyone["supplier_total_cents"] == 100 * 380 + 4000
    assert api(network["outsider"])("get", f"/purchases/{paper.id}/amounts").get_json()["items"] == []
    mine = api(people[3])("get", f"/purchases/{paper.id}").get_json()["my_commitments"][0]
    assert mine["frozen"] is True and mine["amount_cents"] == 380 + 40


def test_an_interest_list_by_api_register_then_accept_the_published_offer(network, insurance, api, validate):
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    client = api(a)
    missing = client("post", f"/interest-lists/{insurance.id}/interests", json={"employees": 3})
    assert missing.status_code == 422 and set(missing.get_json()["error"]["fields"]) == {"premises_m2"}
    created = client("post", f"/interest-lists/{insurance.id}/interests", json={"employees": 3, "premises_m2": 120},
                     headers={"Idempotency-Key": "assurance-cine"})
    assert created.status_code == 201
    interest = validate(created.get_json(), "Interest")
    again = client("post", f"/interest-lists/{insurance.id}/interests", json={"employees": 3, "premises_m2": 120})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_registered"
    changed = client("patch", f"/interests/{interest['id']}", json={"premises_m2": 140}).get_json()
    assert (changed["employees"], changed["premises_m2"]) == (3, 140)
    api(b)("post", f"/interest-lists/{insurance.id}/interests", json={"employees": 0, "premises_m2": 45})
    seen = validate(api(b)("get", f"/interest-lists/{insurance.id}").get_json(), "InterestList")
    assert [i["organization"]["slug"] for i in seen["interests"]] == [org_b.slug]  # its own line only
    assert seen["interested_count"] == 2 and seen["offer"] is None and seen["phase"] == "collecting"
    early = client("post", f"/interests/{interest['id']}/accept")
    assert early.status_code == 409
    quotes.publish_offer(network["coordinator"], insurance, "Mutuelle solidaire (démo)", "Multirisque.",
                         "2,10 € par m² et par an", utcnow() + timedelta(days=20))
    db.session.commit()
    accepted = client("post", f"/interests/{interest['id']}/accept")
    assert accepted.status_code == 200 and accepted.get_json()["answer"] == "accepted"
    assert client("delete", f"/interests/{interest['id']}").status_code == 409  # the list is closed: decline instead
    organiser = validate(api(network["coordinator"])("get", f"/interest-lists/{insurance.id}").get_json(),
                         "InterestList")
    assert organiser["accepted_count"] == 1 and organiser["offer"]["supplier"] == "Mutuelle solidaire (démo)"
    assert [i["answer"] for i in organiser["interests"]] == ["accepted", None]
    assert api(b)("post", f"/interests/{interest['id']}/decline").status_code == 404  # not theirs
    validate(api(b)("get", "/interest-lists").get_json(), "InterestListList")
