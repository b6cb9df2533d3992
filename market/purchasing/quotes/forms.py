"""Forms of a purchase on quotation: open the list, register an interest (the details asked), publish the offer."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from market.fields import DayField
from market.forms import BaseForm
from market.purchasing.forms import closing_time
from market.purchasing.quotes.models import DETAILS
from market.purchasing.quotes.services import MAX_DETAIL

DETAIL_LABELS = {"employees": _l("Nombre de salariés"), "vehicles": _l("Nombre de véhicules"),
                 "premises_m2": _l("Surface des locaux (m²)")}


class InterestListForm(BaseForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)
    title = StringField(_l("Ce qui est recherché"), validators=[
        DataRequired(_l("Indiquez ce qui est recherché, par exemple « Assurance multirisque des locaux »."
                        )), Length(max=140)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    asks_employees = BooleanField(DETAIL_LABELS["employees"])
    asks_vehicles = BooleanField(DETAIL_LABELS["vehicles"])
    asks_premises_m2 = BooleanField(DETAIL_LABELS["premises_m2"])
    closes_on = DayField(_l("Inscriptions jusqu'au"), validators=[InputRequired(_l("Indiquez la date limite."))],
                         past=timedelta(0), future=timedelta(days=365))

    def values(self) -> dict:
        return {"title": self.title.data, "description": self.description.data or "",
                "asks_employees": self.asks_employees.data, "asks_vehicles": self.asks_vehicles.data,
                "asks_premises_m2": self.asks_premises_m2.data, "closes_at": closing_time(self.closes_on.data)}


class InterestForm(BaseForm):
    """The organisation and the details the list asks (see `interest_form`)."""
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)
    note = TextAreaField(_l("Précisions pour l'organisateur"), validators=[Optional(), Length(max=2000)])

    def details(self) -> dict:
        return {name: getattr(self, name).data for name in DETAILS if hasattr(self, name)}


def interest_form(item, **kwargs) -> InterestForm:
    """The interest form of this list: one required whole number per detail it asks."""
    class Form(InterestForm):
        pass
    for name in item.asked:
        setattr(Form, name, IntegerField(DETAIL_LABELS[name], validators=[
            InputRequired(_l("Indiquez ce nombre (0 s'il n'y en a pas).")),
            NumberRange(min=0, max=MAX_DETAIL, message=_l("Indiquez un nombre entre 0 et %(max)d.", max=MAX_DETAIL))]))
    return Form(**kwargs)


class OfferForm(BaseForm):
    supplier = StringField(_l("Fournisseur ou assureur"), validators=[
        DataRequired(_l("Indiquez le fournisseur.")), Length(max=140)])
    text = TextAreaField(_l("L'offre négociée"), validators=[DataRequired(_l("Décrivez l'offre négociée.")),
                                                            Length(max=5000)])
    terms = TextAreaField(_l("Prix et conditions"), validators=[
        DataRequired(_l("Indiquez le prix et les conditions.")), Length(max=2000)])
    valid_on = DayField(_l("Offre valable jusqu'au"), validators=[InputRequired(_l("Indiquez la date de validité."))],
                        past=timedelta(0), future=timedelta(days=365))


class AnswerForm(BaseForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)
