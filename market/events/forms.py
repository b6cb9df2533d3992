"""Forms of events: post an event, add a shift, attendance rows, a message to a shift's volunteers, the pool."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.widgets import HiddenInput
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from market.fields import CommuneField, DayField
from market.labels import choices
from market.forms import BaseForm


class EventForm(BaseForm):
    organization = SelectField(_l("Structure organisatrice"), coerce=str, validate_choice=True)
    title = StringField(_l("Titre de la manifestation"),
                        validators=[DataRequired(_l("Indiquez le titre de la manifestation.")), Length(max=160)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    place = StringField(_l("Lieu (adresse, salle, point de rendez-vous)"), validators=[Length(max=200)])
    commune = CommuneField(_l("Commune"), validators=[DataRequired(_l("Indiquez la commune."))])
    co_organizers = SelectMultipleField(_l("Structures co-organisatrices (facultatif)"), coerce=str,
                                        validators=[Optional()])

    def values(self) -> dict:
        return {"title": self.title.data, "description": self.description.data, "place": self.place.data,
                "commune_code": self.commune.code}


class ShiftForm(BaseForm):
    day = DayField(_l("Date"), validators=[InputRequired(_l("Indiquez la date du créneau."))], past=timedelta(0),
                   future=timedelta(days=730))
    start = TimeField(_l("Heure de début"), validators=[InputRequired(_l("Indiquez l'heure de début."))])
    end = TimeField(_l("Heure de fin"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])
    role = StringField(_l("Mission (par exemple : signaleur, buvette)"),
                       validators=[DataRequired(_l("Indiquez la mission du créneau.")), Length(max=120)])
    capacity = IntegerField(_l("Nombre de bénévoles"),
                            validators=[InputRequired(_l("Indiquez le nombre de bénévoles, par exemple 6.")),
                                        NumberRange(min=1, max=10_000,
                                                    message=_l("Indiquez un nombre de bénévoles entre 1 et 10 000."))])
    skills = StringField(_l("Compétences souhaitées (séparées par des points-virgules)"),
                         validators=[Length(max=500)])


class MessageForm(BaseForm):
    body = TextAreaField(_l("Votre message aux bénévoles du créneau"),
                         validators=[DataRequired(_l("Écrivez votre message.")), Length(max=5000)])


class ActionForm(BaseForm):
    """A button that only needs the CSRF token (sign up, cancel, confirm)."""


class PoolSearchForm(BaseForm):
    """The volunteer pool's search, read from the query string (it only reads: no CSRF token)."""

    class Meta:
        csrf = False

    skills = StringField(_l("Compétences recherchées"), validators=[Optional(), Length(max=200)])
    availability = SelectField(_l("Disponibles"), validators=[Optional()],
                               choices=[("", _l("Quand vous voulez"))] + choices("availability"))
    commune = CommuneField(_l("Près de la commune"), validators=[Optional()])
    radius_km = IntegerField(_l("Dans un rayon de (km)"), validators=[
        Optional(), NumberRange(min=1, max=200, message=_l("Indiquez une distance entre 1 et 200 km."))])

    def filters(self) -> dict:
        return {"skills": (self.skills.data or "").strip(), "availability": self.availability.data or "",
                "commune": self.commune.commune, "radius_km": self.radius_km.data}


class InviteForm(BaseForm):
    """Invite a volunteer of the pool (hidden) to one of the organiser's shifts to come."""
    volunteer = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    shift = SelectField(_l("Créneau"), coerce=int, validate_choice=True,
                        validators=[InputRequired(_l("Choisissez le créneau."))])
    message = TextAreaField(_l("Un mot pour accompagner l'invitation (facultatif)"), validators=[Length(max=2000)])


class NeedOfferForm(BaseForm):
    """Point a volunteer of the pool (hidden) to a volunteering need."""
    volunteer = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
