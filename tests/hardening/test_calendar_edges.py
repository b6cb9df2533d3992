"""Dates at the edge of the calendar: any day from year 1 to 9999 in any date field is one clear message or a
saved value inside the field's range; rows already holding extreme dates still render."""
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from hypothesis import given, settings, strategies as st

from market.exchanges import conversations
from market.exchanges.models import Agreement
from market.extensions import db
from market.fields import today
from market.listings.models import Listing
from market.listings.rules import MAX_LIFETIME_DAYS
from tests.factories import make_listing
from tests.hardening.conftest import FEW, assert_one_message_per_field
from tests.security.helpers import call, sign_in

DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
TYPED = st.one_of(DAYS.map(date.isoformat), DAYS.map(lambda d: d.strftime("%d/%m/") + f"{d.year:04d}"),
                  st.text(max_size=30))


def _listing_form(world, **extra):
    return {"organization": world["org"].slug, "kind": "offer", "category": "equipment", "title": "Barnum 3 × 3 m",
            "description": "Un barnum pour vos fêtes.", "commune": "Vichy", "terms": "free", **extra}


@settings(FEW, max_examples=25)
@given(field=st.sampled_from(["expires_on", "available_from", "available_until"]), typed=TYPED)
def test_any_day_in_a_listing_is_saved_in_range_or_one_message(client, world, field, typed):
    sign_in(client, world["owner"])
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Listing))
    response = call(client, "POST", "/annonces/nouvelle", _listing_form(world, **{field: typed}))
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        html = response.get_data(as_text=True)
        errors = assert_one_message_per_field(html)
        assert list(errors) == [field], errors
        assert "Barnum 3 × 3 m" in html
    else:
        db.session.expire_all()
        listing = db.session.scalars(sa.select(Listing).order_by(Listing.id.desc())).first()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == before + 1
        assert listing.expires_at.date() <= today() + timedelta(days=MAX_LIFETIME_DAYS + 1)
        for value in (listing.available_from, listing.available_until):
            assert value is None or today() <= value <= today() + timedelta(days=2 * 365)


def test_an_expiry_yesterday_is_refused_not_moved(client, world):
    sign_in(client, world["owner"])
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = call(client, "POST", "/annonces/nouvelle", _listing_form(world, expires_on=yesterday))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Choisissez une date entre aujourd'hui et le" in html
    assert yesterday in html  # what was typed stays in the field


def test_a_listing_already_expiring_in_9999_renders_everywhere(client, world):
    listing = world["published"]
    listing.expires_at = datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc)
    listing.available_from, listing.available_until = date(1, 1, 1), date(9999, 12, 31)
    pending = world["pending"]
    pending.expires_at = datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc)
    db.session.commit()
    assert call(client, "GET", f"/annonces/{listing.id}").status_code == 200
    assert call(client, "GET", "/annonces/").status_code == 200
    assert call(client, "GET", f"/annuaire/{world['org'].slug}").status_code == 200
    sign_in(client, world["owner"])
    assert call(client, "GET", f"/annonces/{listing.id}").status_code == 200
    assert call(client, "GET", f"/annonces/{listing.id}/modifier").status_code == 200
    assert call(client, "GET", "/mon-espace").status_code in (200, 302)
    sign_in(client, world["coordinator"])
    for url in ("/moderation/", f"/moderation/annonces/{pending.id}", f"/annonces/{pending.id}"):
        response = call(client, "GET", url)
        assert response.status_code < 500, url


def _conversation(people):
    from flask import current_app
    with current_app.test_request_context():
        return _start(people)


def _start(people):
    need = make_listing(people["actor"], people["theatre"], kind="need", category="skill", skill_domain="communication",
                        title="Affiche", terms="free")
    conv = conversations.start_conversation(people["owner"], need, people["centre"])
    conversations.post_message(people["owner"], conv, "Nous pouvons aider.")
    db.session.commit()
    return conv


@FEW
@given(typed=TYPED)
def test_any_agreement_date_is_within_a_year_or_one_message(people, browser, typed):
    conv = _conversation(people)
    centre = browser(people["owner"])
    response = centre.post(f"/accords/nouveau/{conv.id}", data={"title": "Affiche du festival", "scheduled_on": typed,
                                                               "time_note": "", "hours": "2"})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        html = response.get_data(as_text=True)
        assert list(assert_one_message_per_field(html)) == ["scheduled_on"]
        assert "Affiche du festival" in html
    else:
        agreement = db.session.scalars(sa.select(Agreement).order_by(Agreement.id.desc())).first()
        assert abs((agreement.scheduled_on - today()).days) <= 366
        assert browser(people["owner"]).get(f"/accords/{agreement.id}").status_code == 200


def test_format_date_at_both_ends_of_the_calendar(app):
    from market.i18n import format_date, format_when
    with app.test_request_context():
        for value in (date(1, 1, 1), date(9999, 12, 31), datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc),
                      datetime(1, 1, 1, 0, 0, tzinfo=timezone.utc)):
            assert format_date(value) and format_when(value)
