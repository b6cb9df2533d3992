"""The observatory's period: two days, the first before the second, ten years at most."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import Form
from wtforms.validators import Optional, ValidationError

from market.fields import DayField
from market.observatory.rules import MAX_MONTHS

SPAN = {"past": timedelta(days=365 * 30), "future": timedelta(days=366)}


class PeriodForm(Form):
    """Read from the query string (a GET form that only reads: no CSRF token)."""

    first = DayField(_l("Du"), [Optional()], **SPAN)
    last = DayField(_l("Au"), [Optional()], **SPAN)

    def validate_last(self, field):
        if self.first.data and field.data:
            if field.data < self.first.data:
                raise ValidationError(_l("La date de fin doit suivre la date de début."))
            if (field.data - self.first.data).days > MAX_MONTHS * 31 - 31:
                raise ValidationError(_l("Choisissez une période de dix ans au plus."))
