"""Forms of exchanges: messages, requests, decisions, pickup and return, agreements, room settings."""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l, lazy_ngettext as _nl
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField,
                     TextAreaField, TimeField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from market.exchanges import rules
from market.exchanges.labels import LABELS
from market.fields import EurosField


class _ActingFor(FlaskForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)


def acting_choices(user) -> list[tuple[str, str]]:
    from market.exchanges.permissions import can_act_for
    out = [(o.slug, o.name) for o in user.organizations if can_act_for(user, o)]
    return out + [("", _l("À titre personnel"))]


class ContactForm(_ActingFor):
    body = TextAreaField(_l("Votre message"), validators=[DataRequired(_l("Écrivez votre message.")), Length(max=5000)])


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Votre message"), validators=[DataRequired(_l("Écrivez votre message.")), Length(max=5000)])


class ReasonForm(FlaskForm):
    """Give it a prefix ("decline", "cancel"): several of them share one page."""
    reason = TextAreaField(_l("Raison"), validators=[DataRequired(_l("Indiquez la raison.")), Length(max=2000)])

    LABELS = {"decline": _l("Raison du refus (transmise à l'autre partie)"), "cancel": _l("Raison de l'annulation")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.label.text = self.LABELS.get(self._prefix.rstrip("-"), self.reason.label.text)


class ReportMessageForm(FlaskForm):
    reason = TextAreaField(_l("Qu'est-ce qui ne va pas dans ce message ?"),
                           validators=[DataRequired(_l("Expliquez en quelques mots ce qui ne va pas.")), Length(max=2000)])


class ReportDecisionForm(FlaskForm):
    decision = RadioField(_l("Décision"), choices=[("hide", _l("Masquer le message")),
                                                   ("dismiss", _l("Classer sans suite"))],
                          validators=[DataRequired(_l("Choisissez une décision."))])
    note = TextAreaField(_l("Note pour le journal (facultative)"), validators=[Length(max=2000)])


class BookingRequestForm(_ActingFor):
    day = DateField(_l("Date"), validators=[InputRequired(_l("Indiquez la date."))])
    start = TimeField(_l("Heure de début"), validators=[InputRequired(_l("Indiquez l'heure de début."))])
    end = TimeField(_l("Heure de fin"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])
    end_day = DateField(_l("Date de fin (si la réservation dure plusieurs jours)"), validators=[Optional()])
    attendees = IntegerField(_l("Nombre de personnes attendues"), validators=[Optional(), NumberRange(min=1, max=100000)])
    message = TextAreaField(_l("Message pour la structure"), validators=[Length(max=2000)])

    def period(self):
        """(start, end) as aware datetimes (Paris wall clock), or None when a field is missing."""
        if not (self.day.data and self.start.data and self.end.data):
            return None
        start = datetime.combine(self.day.data, self.start.data, tzinfo=rules.PARIS)
        end = datetime.combine(self.end_day.data or self.day.data, self.end.data, tzinfo=rules.PARIS)
        if self.end_day.data is None and end <= start and self.end.data.hour == 0 and self.end.data.minute == 0:
            end += timedelta(days=1)  # "until midnight"
        return start, end


def _duration_choices(values):
    out = []
    for minutes in values:
        hours, rest = divmod(minutes, 60)
        if minutes >= 1440 and not minutes % 1440:
            text = _nl("%(num)d jour", "%(num)d jours", minutes // 1440)
        else:
            text = f"{hours} h {rest:02d}" if hours and rest else (f"{hours} h" if hours else f"{rest} min")
        out.append((minutes, text))
    return out


class RoomSettingsForm(FlaskForm):
    day0 = StringField(_l("Lundi"))
    day1 = StringField(_l("Mardi"))
    day2 = StringField(_l("Mercredi"))
    day3 = StringField(_l("Jeudi"))
    day4 = StringField(_l("Vendredi"))
    day5 = StringField(_l("Samedi"))
    day6 = StringField(_l("Dimanche"))
    min_minutes = SelectField(_l("Durée minimale"), coerce=int,
                              choices=_duration_choices([15, 30, 60, 90, 120, 180, 240, 480]))
    max_minutes = SelectField(_l("Durée maximale"), coerce=int,
                              choices=_duration_choices([60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080]))
    buffer_minutes = SelectField(_l("Battement entre deux réservations (ménage, installation)"), coerce=int,
                                 choices=_duration_choices([0, 15, 30, 45, 60, 90, 120, 180]))
    notice_hours = SelectField(_l("Annulation possible jusqu'à"), coerce=int,
                               choices=[(0, _l("l'heure du début")), (24, _l("24 heures avant")),
                                        (48, _l("48 heures avant")), (72, _l("3 jours avant")),
                                        (168, _l("une semaine avant"))])
    closed_dates = StringField(_l("Jours de fermeture exceptionnelle"), validators=[Length(max=2000)])

    def day_fields(self):
        return [getattr(self, f"day{i}") for i in range(7)]

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        self.parsed_hours = {}
        for i, field in enumerate(self.day_fields()):
            try:
                self.parsed_hours[str(i)] = rules.parse_hours(field.data or "")
            except ValueError:
                field.errors.append(_l("Horaires illisibles : écrivez par exemple 09:00-12:00, 14:00-22:00 "
                                       "(laissez vide si la salle est fermée ce jour-là)."))
                ok = False
        try:
            self.parsed_dates = rules.parse_dates(self.closed_dates.data or "")
        except ValueError:
            self.closed_dates.errors.append(_l("Dates illisibles : écrivez par exemple 25/12/2026, 01/01/2027."))
            ok = False
        if ok and self.min_minutes.data > self.max_minutes.data:
            self.max_minutes.errors.append(_l("La durée maximale doit être au moins égale à la durée minimale."))
            ok = False
        return ok

    def values(self) -> dict:
        return {"opening_hours": self.parsed_hours, "min_minutes": self.min_minutes.data,
                "max_minutes": self.max_minutes.data, "buffer_minutes": self.buffer_minutes.data,
                "notice_hours": self.notice_hours.data,
                "closed_dates": "; ".join(d.isoformat() for d in self.parsed_dates)}


class LoanRequestForm(_ActingFor):
    quantity = IntegerField(_l("Quantité"), default=1, validators=[InputRequired(_l("Indiquez la quantité.")),
                                                                   NumberRange(min=1, max=10000)])
    starts_on = DateField(_l("Retrait le"), validators=[InputRequired(_l("Indiquez la date de retrait."))])
    due_on = DateField(_l("Retour le"), validators=[InputRequired(_l("Indiquez la date de retour."))])
    message = TextAreaField(_l("Message pour la structure"), validators=[Length(max=2000)])

    def validate_due_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("La date de retour doit suivre la date de retrait."))


class LoanAcceptForm(FlaskForm):
    deposit = EurosField(_l("Caution demandée (€)"))


CHECKLIST_CHOICES = [("complete", _l("Complet (tous les éléments, câbles et accessoires)")),
                     ("working", _l("Fonctionne")), ("clean", _l("Propre")), ("undamaged", _l("Sans dégât visible"))]


class _Condition(FlaskForm):
    checklist = SelectMultipleField(_l("État constaté"), choices=CHECKLIST_CHOICES,
                                    widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    note = TextAreaField(_l("Note sur l'état"), validators=[Length(max=2000)])


class PickupForm(_Condition):
    pass


class ReturnForm(_Condition):
    deposit = RadioField(_l("Caution"), choices=[("returned", LABELS["deposit_state"]["returned"]),
                                                 ("kept", LABELS["deposit_state"]["kept"])],
                         default="returned", validators=[Optional()])


class AgreementForm(FlaskForm):
    title = StringField(_l("Ce qui est convenu"), validators=[DataRequired(_l("Dites en quelques mots ce qui est convenu.")),
                                                              Length(max=200)])
    scheduled_on = DateField(_l("Date"), validators=[InputRequired(_l("Indiquez la date."))])
    time_note = StringField(_l("Horaires"), validators=[Length(max=100)])
    hours = StringField(_l("Nombre d'heures"), validators=[DataRequired(_l("Indiquez le nombre d'heures."))],
                        render_kw={"inputmode": "decimal"})

    def validate_hours(self, field):
        try:
            value = float((field.data or "").replace(",", ".").replace("h", "").strip())
        except ValueError:
            raise ValidationError(_l("Écrivez un nombre d'heures, par exemple 2 ou 1,5."))
        if not 0 < value <= 24 * 14:
            raise ValidationError(_l("Indiquez un nombre d'heures entre 0,25 et 336."))
        self.minutes = max(int(round(value * 60)), 1)


class DoneForm(FlaskForm):
    note = TextAreaField(_l("Un mot de remerciement (facultatif, visible sur la fiche de l'autre structure)"),
                         validators=[Length(max=1000)])


class ThanksForm(FlaskForm):
    note = TextAreaField(_l("Votre mot de remerciement"), validators=[DataRequired(_l("Écrivez votre mot.")),
                                                                       Length(max=1000)])


class CloseListingForm(FlaskForm):
    confirm = BooleanField(_l("Clôturer l'annonce comme réalisée"), default=True)
