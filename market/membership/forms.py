"""Forms of the membership: the fee schedule, a structure's size, the charter, a payment, its cancellation, and
which actions need membership."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import DataRequired, Length, Optional

from market.accounts.models import LEGAL_FORMS
from market.fields import DayField, EurosField
from market.forms import BaseForm
from market.labels import label
from market.membership import rules


def _choices(mapping):
    return list(mapping.items())


def fee_field_name(structure_type: str, size: str) -> str:
    return f"fee_{structure_type}_{size}"


class FeeScheduleForm(BaseForm):
    """One amount per type of structure and size; an empty cell: no fee set for it yet."""

    def cells(self):
        """[(type, [(size, field), ...]), ...] in the order of the page."""
        return [(t, [(s, self[fee_field_name(t, s)]) for s in rules.SIZES]) for t in LEGAL_FORMS]

    def amounts(self) -> dict:
        return {(t, s): self[fee_field_name(t, s)].cents for t in LEGAL_FORMS for s in rules.SIZES}

    def fill(self, rates: dict) -> None:
        for (t, s), cents in rates.items():
            if t in LEGAL_FORMS and s in rules.SIZES:
                self[fee_field_name(t, s)].process_data(cents)


for _type in LEGAL_FORMS:
    for _size in rules.SIZES:
        # the label says both (the error summary lists it alone); the page shows the size under the type's legend
        setattr(FeeScheduleForm, fee_field_name(_type, _size), EurosField(
            _l("%(type)s, %(size)s", type=label("legal_form", _type), size=rules.SIZES[_size]),
            validators=[Optional()], maximum=100_000))


class SizeForm(BaseForm):
    size = RadioField(_l("Taille de la structure"), choices=_choices(rules.SIZES),
                      validators=[DataRequired(_l("Choisissez la taille de la structure."))])


class CharterForm(BaseForm):
    accept = BooleanField(_l("Nous avons lu et signons cette version de la charte d'engagement du réseau"),
                          validators=[DataRequired(_l("Cochez la case pour signer la charte."))])


class PaymentForm(BaseForm):
    amount = EurosField(_l("Montant reçu (€)"), validators=[DataRequired(_l("Indiquez le montant reçu."))],
                        maximum=100_000)
    method = RadioField(_l("Mode de paiement"), choices=_choices(rules.METHODS),
                        validators=[DataRequired(_l("Choisissez le mode de paiement."))])
    paid_on = DayField(_l("Reçu le"), validators=[DataRequired(_l("Indiquez le jour du paiement."))],
                       past=timedelta(days=3 * 366), future=timedelta(days=0))
    reference = StringField(_l("Référence (facultatif)"), validators=[Optional(), Length(max=80)])
    size = SelectField(_l("Taille de la structure"), choices=[("", _l("Choisir…"))] + _choices(rules.SIZES),
                       validators=[DataRequired(_l("Choisissez la taille de la structure : la cotisation en dépend."))])


class CancelForm(BaseForm):
    reason = TextAreaField(_l("Raison de l'annulation"), validators=[DataRequired(_l("Indiquez la raison de l'annulation.")),
                                                                    Length(max=300)])


class RequirementsForm(BaseForm):
    actions = SelectMultipleField(_l("Actions réservées aux structures à jour de cotisation"), choices=[],
                                  widget=widgets.ListWidget(prefix_label=False),
                                  option_widget=widgets.CheckboxInput(), validators=[Optional()])
