"""Non-finite numbers: euros and hours typed as anything (NaN, sNaN, Infinity, words, huge) give one clear
message or a whole number of cents / minutes inside the field's range — the one money field and hours field."""
import pytest
import sqlalchemy as sa
from hypothesis import given, strategies as st
from werkzeug.datastructures import MultiDict

from market.fields import EurosField, HoursField
from market.forms import BaseForm
from market.listings.models import Listing
from market.extensions import db
from tests.hardening.conftest import FEW, assert_one_message_per_field
from tests.security.helpers import call, sign_in

NON_FINITE = ["NaN", "nan", "sNaN", "-sNaN", "Infinity", "-Infinity", "inf", "∞", "1e", "--1"]
HUGE = ["1e999999", "9E+999999", "1E+1000000", "-1e30", "1e-999999"]
NUMBERISH = st.one_of(st.sampled_from(NON_FINITE + HUGE), st.text(max_size=40),
                      st.decimals(allow_nan=True, allow_infinity=True).map(str),
                      st.floats().map(lambda f: str(f).replace(".", ",")))


class _Form(BaseForm):
    class Meta:
        csrf = False
    price = EurosField("Prix")
    hours = HoursField("Heures")


def _bind(app, **data):
    with app.test_request_context():
        form = _Form(formdata=MultiDict(data))
        form.validate()
        return form


@FEW
@given(typed=NUMBERISH)
def test_euros_are_cents_in_range_or_one_message(app, typed):
    form = _bind(app, price=typed)
    if form.price.errors:
        assert len(form.price.errors) == 1 and form.price.cents is None
    else:
        assert form.price.cents is None or (isinstance(form.price.cents, int) and 0 <= form.price.cents <= 100_000_000)


@FEW
@given(typed=NUMBERISH)
def test_hours_are_minutes_in_range_or_one_message(app, typed):
    form = _bind(app, hours=typed)
    if form.hours.errors:
        assert len(form.hours.errors) == 1 and form.hours.minutes is None
    else:
        assert form.hours.minutes is None or 15 <= form.hours.minutes <= 24 * 14 * 60


@pytest.mark.parametrize("typed", NON_FINITE)
def test_non_finite_euros_and_hours_are_refused(app, typed):
    form = _bind(app, price=typed, hours=typed)
    assert [str(m) for m in form.price.errors] == ["Montant invalide : écrivez par exemple 12,50."]
    assert len(form.hours.errors) == 1


@pytest.mark.parametrize("typed", HUGE)
def test_huge_or_tiny_numbers_are_out_of_range_not_a_500(app, typed):
    form = _bind(app, price=typed, hours=typed)
    assert len(form.price.errors) <= 1 and len(form.hours.errors) == 1
    assert form.price.cents in (None, 0)


@pytest.mark.parametrize("typed, minutes", [("0,25", 15), ("1,5", 90), ("2", 120), ("1h30", 90), ("336", 20160)])
def test_hours_people_write_are_read(app, typed, minutes):
    assert _bind(app, hours=typed).hours.minutes == minutes


@pytest.mark.parametrize("typed", ["0,1", "0", "-1", "337", "0,24"])
def test_hours_outside_a_quarter_hour_to_two_weeks_are_refused(app, typed):
    form = _bind(app, hours=typed)
    assert len(form.hours.errors) == 1 and "0,25" in str(form.hours.errors[0])


@pytest.mark.parametrize("price", ["Infinity", "NaN", "sNaN", "-Infinity"])
def test_a_sale_at_an_infinite_price_says_the_amount_is_invalid(client, world, price):
    sign_in(client, world["owner"])
    response = call(client, "POST", "/annonces/nouvelle", {
        "organization": world["org"].slug, "kind": "offer", "category": "equipment", "title": "Vélo cargo",
        "description": "À vendre.", "commune": "Vichy", "terms": "sale", "price": price})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    errors = assert_one_message_per_field(html)
    assert errors == {"price": ["Montant invalide : écrivez par exemple 12,50."]}
    assert "Indiquez un prix" not in html and f'value="{price}"' in html
    assert db.session.scalar(sa.select(Listing).where(Listing.title == "Vélo cargo")) is None

