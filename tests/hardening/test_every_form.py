"""Every form of the marketplace derives from the one base form that cleans typed text (market/forms.py)."""
import importlib
import inspect
import pkgutil

from flask_wtf import FlaskForm

import market
from market.fields import DayField, EurosField, HoursField
from market.forms import BaseForm


def _all_forms():
    for info in pkgutil.walk_packages(market.__path__, "market."):
        if info.name.endswith((".forms", ".fields")) or ".forms" in info.name:
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, FlaskForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_posted_form_is_a_base_form():
    forms = list(_all_forms())
    assert len(forms) > 30  # listings, organisations, volunteer, exchanges, moderation, matching, auth…
    assert [f.__qualname__ for f in forms if not issubclass(f, BaseForm)] == []


def test_no_form_uses_a_second_date_money_or_hours_field():
    """Dates are DayField, euros EurosField, hours HoursField: no bare DateField / DecimalField / FloatField."""
    from wtforms import DateField, DecimalField, FloatField
    for form in _all_forms():
        for name, unbound in inspect.getmembers(form):
            field_class = getattr(unbound, "field_class", None)
            if field_class is None:
                continue
            if issubclass(field_class, DateField):
                assert issubclass(field_class, DayField), (form.__name__, name)
            assert not issubclass(field_class, (DecimalField, FloatField)), (form.__name__, name)
    assert EurosField and HoursField
