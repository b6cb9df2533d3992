"""The form to post or edit an offer or a need."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from market.fields import CommuneField, DayField, EurosField, LabelsField
from market.forms import BaseForm
from market.labels import choices
from market.listings.models import CLOSE_REASONS, CONDITIONS, SKILL_DOMAINS
from market.listings.rules import MAX_LIFETIME_DAYS, price_required

BOOL_CHOICES = [("", _l("Non précisé")), ("yes", _l("Oui")), ("no", _l("Non"))]


def _none_if_empty(value):
    return value or None


class ListingForm(BaseForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validators=[DataRequired()])
    kind = RadioField(_l("Vous publiez"), choices=choices("kind"), validators=[DataRequired(_l("Choisissez offre ou besoin."))])
    category = SelectField(_l("Catégorie"), choices=choices("category"), validators=[DataRequired()])
    title = StringField(_l("Titre"), validators=[DataRequired(_l("Donnez un titre à l'annonce.")), Length(min=4, max=140)])
    description = TextAreaField(_l("Description"), validators=[DataRequired(_l("Décrivez l'annonce en quelques lignes.")), Length(max=5000)])
    commune = CommuneField(_l("Commune"), validators=[DataRequired(_l("Indiquez la commune."))])
    terms = SelectField(_l("Conditions"), choices=choices("terms"), default="free")
    price = EurosField(_l("Prix (€)"))
    quantity = IntegerField(_l("Quantité"), default=1, validators=[Optional(), NumberRange(min=1, max=10000)])
    available_from = DayField(_l("Disponible à partir du"), validators=[Optional()], past=timedelta(0),
                              future=timedelta(days=2 * 365))
    available_until = DayField(_l("Disponible jusqu'au"), validators=[Optional()], past=timedelta(0),
                               future=timedelta(days=2 * 365))
    tags = LabelsField(_l("Mots-clés"), validators=[Length(max=300)])
    urgent = BooleanField(_l("Urgent (besoins seulement)"))
    expires_on = DayField(_l("L'annonce expire le"), validators=[Optional()], past=timedelta(0),
                          future=timedelta(days=MAX_LIFETIME_DAYS))
    # equipment
    condition = SelectField(_l("État"), choices=[("", _l("Non précisé"))] + choices("condition", CONDITIONS), validators=[Optional()])
    deposit = EurosField(_l("Caution (€)"))
    # premises
    capacity = IntegerField(_l("Capacité (personnes)"), validators=[Optional(), NumberRange(min=1, max=100000)])
    surface_m2 = IntegerField(_l("Surface (m²)"), validators=[Optional(), NumberRange(min=1, max=100000)])
    step_free = SelectField(_l("Accès de plain-pied (sans marche)"), choices=BOOL_CHOICES, validators=[Optional()])
    amenities = LabelsField(_l("Équipements de la salle"), validators=[Length(max=500)])
    # skills
    skill_domain = SelectField(_l("Domaine"), choices=[("", _l("Non précisé"))] + choices("skill_domain", SKILL_DOMAINS), validators=[Optional()])
    remote = SelectField(_l("À distance possible"), choices=BOOL_CHOICES, validators=[Optional()])
    # volunteering
    people_needed = IntegerField(_l("Nombre de personnes"), validators=[Optional(), NumberRange(min=1, max=1000)])
    schedule = StringField(_l("Dates et horaires"), validators=[Length(max=200)])

    def validate_price(self, field):
        if field.errors:
            return
        if price_required(self.terms.data) and field.cents is None:
            raise ValidationError(_l("Indiquez un prix pour une location ou une vente."))

    def validate_available_until(self, field):
        if field.data and self.available_from.data and field.data < self.available_from.data:
            raise ValidationError(_l("La date de fin doit suivre la date de début."))

    def validate_urgent(self, field):
        if field.data and self.kind.data != "need":
            raise ValidationError(_l("Seul un besoin peut être marqué urgent."))

    def validate_skill_domain(self, field):
        if self.category.data == "skill" and not field.data:
            raise ValidationError(_l("Choisissez le domaine de la compétence."))

    def listing_values(self) -> dict:
        """The cleaned values, with category fields blanked for other categories."""
        category = self.category.data
        tri = {"yes": True, "no": False}
        values = {
            "kind": self.kind.data, "category": category, "title": self.title.data.strip(),
            "description": self.description.data.strip(), "commune_code": self.commune.code,
            "terms": self.terms.data,
            "price_cents": self.price.cents if price_required(self.terms.data) else None,
            "quantity": self.quantity.data or 1,
            "available_from": self.available_from.data, "available_until": self.available_until.data,
            "tags": self.tags.data or "", "urgent": bool(self.urgent.data) and self.kind.data == "need",
            "condition": None, "deposit_cents": None, "capacity": None, "surface_m2": None,
            "step_free": None, "amenities": "", "skill_domain": None, "remote": None,
            "people_needed": None, "schedule": "",
        }
        if category == "equipment":
            values.update(condition=_none_if_empty(self.condition.data), deposit_cents=self.deposit.cents)
        elif category == "premises":
            values.update(capacity=self.capacity.data, surface_m2=self.surface_m2.data,
                          step_free=tri.get(self.step_free.data), amenities=self.amenities.data or "")
        elif category == "skill":
            values.update(skill_domain=self.skill_domain.data or None, remote=tri.get(self.remote.data))
        elif category == "volunteering":
            values.update(people_needed=self.people_needed.data, schedule=(self.schedule.data or "").strip())
        return values


class CloseForm(BaseForm):
    reason = RadioField(_l("Pourquoi clôturer ?"), choices=choices("close_reason", CLOSE_REASONS),
                        validators=[DataRequired(_l("Choisissez une raison."))])
