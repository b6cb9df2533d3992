"""Forms of the ressourcerie: give a batch (with photos), reserve n items, allocate, type a pickup code, correct."""
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from market.fields import CommuneField, DayField
from market.forms import BaseForm
from market.ressourcerie.labels import choices

MAX_PHOTOS = 6


def _kilos(form, field):
    text = (field.data or "").replace(",", ".").replace(" ", "").strip()
    field.grams = None
    if not text:
        return
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_l("Écrivez un poids en kilos, par exemple 2,5.")) from None
    if not value.is_finite() or value <= 0 or value > 5000:
        raise ValidationError(_l("Un poids entre 0,001 et 5 000 kg, par exemple 2,5."))
    field.grams = int(value * 1000)


class GiveForm(BaseForm):
    organization = SelectField(_l("Au nom de"), choices=[], validate_choice=True)
    title = StringField(_l("Titre du lot"), validators=[DataRequired(_l("Donnez un titre au lot.")), Length(max=140)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    category = SelectField(_l("Catégorie"), choices=choices("category"))
    condition = SelectField(_l("État"), choices=choices("condition"))
    quantity = IntegerField(_l("Nombre d'articles"), default=1, validators=[
        InputRequired(_l("Indiquez le nombre d'articles, par exemple 12.")),
        NumberRange(min=1, max=10000, message=_l("Entre 1 et 10 000 articles."))])
    unit_weight = StringField(_l("Poids d'un article (kg)"), validators=[Optional(), _kilos])
    commune = CommuneField(_l("Commune du retrait"), validators=[DataRequired(_l("Indiquez la commune du retrait."))])
    address = StringField(_l("Adresse du retrait"), validators=[Optional(), Length(max=200)])
    pickup_windows = StringField(_l("Créneaux de retrait"), validators=[Optional(), Length(max=300)])
    hold_days = IntegerField(_l("Délai pour venir chercher (jours)"), default=7, validators=[
        InputRequired(_l("Indiquez un délai en jours.")), NumberRange(min=1, max=60, message=_l("Entre 1 et 60 jours."))])
    give_before = DayField(_l("À donner avant le"), validators=[Optional()], past=timedelta(0),
                           future=timedelta(days=730))
    max_per_member = IntegerField(_l("Au plus, par structure"), validators=[
        Optional(), NumberRange(min=1, max=10000, message=_l("Un nombre d'au moins 1, ou laissez vide."))])
    rule = RadioField(_l("Qui reçoit les articles ?"), choices=choices("rule"), default="first")
    requests_until = DayField(_l("Demandes reçues jusqu'au"), validators=[Optional()], past=timedelta(0),
                              future=timedelta(days=365))
    photos = MultipleFileField(_l("Photos"))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        until = self.requests_until
        if self.rule.data != "choice" or until.errors:
            return valid
        if until.data is None:
            until.errors = [_l("Indiquez jusqu'à quel jour vous recevez les demandes.")]
        elif self.give_before.data and until.data > self.give_before.data:
            until.errors = [_l("Les demandes doivent être closes avant la date « à donner avant ».")]
        return valid and not until.errors

    def values(self) -> dict:
        return {"title": self.title.data.strip(), "description": (self.description.data or "").strip(),
                "category": self.category.data, "condition": self.condition.data, "quantity": self.quantity.data,
                "unit_weight_g": getattr(self.unit_weight, "grams", None), "commune_code": self.commune.code,
                "address": (self.address.data or "").strip(), "pickup_windows": (self.pickup_windows.data or "").strip(),
                "hold_days": self.hold_days.data, "give_before": self.give_before.data,
                "max_per_member": self.max_per_member.data, "rule": self.rule.data,
                "requests_until": self.requests_until.data if self.rule.data == "choice" else None}

    def files(self) -> list:
        return [f for f in (self.photos.data or []) if getattr(f, "filename", "")]


class ReserveForm(BaseForm):
    organization = SelectField(_l("Au nom de"), choices=[], validate_choice=True)
    quantity = IntegerField(_l("Nombre d'articles"), default=1, validators=[
        InputRequired(_l("Indiquez combien d'articles vous voulez.")),
        NumberRange(min=1, max=10000, message=_l("Au moins 1 article."))])


class AllocateForm(BaseForm):
    quantity = IntegerField(_l("Articles attribués"), validators=[
        InputRequired(_l("Indiquez combien d'articles vous attribuez.")),
        NumberRange(min=1, max=10000, message=_l("Au moins 1 article."))])


class CorrectionForm(BaseForm):
    entry = SelectField(_l("Remise à corriger"), choices=[], validate_choice=True)
    quantity = IntegerField(_l("Articles en plus ou en moins"), validators=[
        InputRequired(_l("Indiquez un nombre, par exemple -1 pour un article revenu.")),
        NumberRange(min=-10000, max=10000, message=_l("Entre -10 000 et 10 000."))])
    note = StringField(_l("Raison"), validators=[DataRequired(_l("Indiquez la raison de la correction.")),
                                                 Length(max=300)])

    def validate_quantity(self, field):
        if field.data == 0:
            raise ValidationError(_l("Une correction de 0 article ne change rien."))


class CodeForm(BaseForm):
    code = StringField(_l("Code de retrait"), validators=[DataRequired(_l("Tapez le code à 6 chiffres.")),
                                                          Length(max=12)])


class ActionForm(BaseForm):
    """A button that only needs the CSRF token."""
