"""The form to create a token: a name, its scopes, an optional expiry, optionally one organisation."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from market.fields import DayField
from market.forms import BaseForm
from market.tokens.rules import MAX_LIFETIME_DAYS

SCOPE_CHOICES = [("read", _l("Lecture : voir ce que vous voyez sur le site")),
                 ("write", _l("Écriture : publier et répondre en votre nom"))]


class TokenForm(BaseForm):
    name = StringField(_l("Nom du jeton"), validators=[DataRequired(_l("Donnez un nom au jeton (à quoi il sert).")),
                                                        Length(max=80)])
    scopes = SelectMultipleField(_l("Droits"), choices=SCOPE_CHOICES, default=["read"],
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                 validators=[DataRequired(_l("Choisissez au moins un droit."))])
    organization = SelectField(_l("Pour la structure"), coerce=str, validators=[Optional()])
    nonce = HiddenField()  # one per form shown: sending the same form twice (reload, double click) creates one token
    expires_on = DayField(_l("Expire le (facultatif)"), validators=[Optional()], past=timedelta(0),
                          future=timedelta(days=MAX_LIFETIME_DAYS))
