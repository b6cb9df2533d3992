"""The base of every form: typed text is cleaned of NUL and invisible characters, with a word when NUL was sent."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField, ValidationError

# Bidirectional controls (U+202E "right-to-left override" and friends) and zero-width characters: they make a
# name or a title read differently from what it holds ("moc.elgoog" shown as "google.com").
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00]")


def strip_invisible(text):
    """Text without NUL bytes, bidirectional controls nor zero-width characters (None stays None)."""
    return INVISIBLE.sub("", text) if isinstance(text, str) else text


def _no_nul(form, field):
    if any("\x00" in value for value in field.raw_data or () if isinstance(value, str)):
        raise ValidationError(_l("Ce texte contenait un caractère nul (invisible) : il a été retiré. "
                                 "Vérifiez le texte puis renvoyez le formulaire."))


class BaseForm(FlaskForm):
    """Every form of the marketplace derives from it (tests/hardening checks it)."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, (StringField, TextAreaField)):
                options["filters"] = (strip_invisible, *unbound_field.kwargs.get("filters", ()))
                if len(unbound_field.args) < 2:  # validators given by keyword, as everywhere here
                    options["validators"] = (_no_nul, *(unbound_field.kwargs.get("validators") or ()))
            return super().bind_field(form, unbound_field, options)

    def validate(self, extra_validators=None):
        """One message per field: the first thing wrong ("not a whole number"), not every rule it then breaks."""
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.errors, list) and len(field.errors) > 1:
                field.errors = field.errors[:1]
        return valid
