"""Forms of exchanges: messages, requests, decisions, pickup and return, agreements, room settings."""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l, lazy_ngettext as _nl
from wtforms import (BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField,
                     TimeField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from market.exchanges import rules
from market.exchanges.labels import LABELS
from market.fields import DayField, EurosField, HoursField
from market.forms import BaseForm


class _ActingFor(BaseForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)


def acting_choices(user) -> list[tuple[str, str]]:
    from market.exchanges.permissions import can_act_for
    out = [(o.slug, o.name) for o in user.organizations if can_act_for(user, o)]
    return out + [("", _l("À titre personnel"))]


class ContactForm(_ActingFor):
    body = TextAreaField(_l("Votre message"), validators=[DataRequired(_l("Écrivez votre message.")), Length(max=5000)])


class MessageForm(BaseForm):
    body = TextAreaField(_l("Votre message"), validators=[DataRequired(_l("Écrivez votre message.")), Length(max=5000)])


class ReasonForm(BaseForm):
    """Give it a prefix ("decline", "cancel"): several of them share one page."""
    reason = TextAreaField(_l("Raison"), validators=[DataRequired(_l("Indiquez la raison.")), Length(max=2000)])

    LABELS = {"decline": _l("Raison du refus (transmise à l'autre partie)"), "cancel": _l("Raison de l'annulation")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.label.text = self.LABELS.get(self._prefix.rstrip("-"), self.reason.label.text)


class ReportMessageForm(BaseForm):
    reason = TextAreaField(_l("Qu'est-ce qui ne va pas dans ce message ?"),
                           validators=[DataRequired(_l("Expliquez en quelques mots ce qui ne va pas.")), Length(max=2000)])


class ReportDecisionForm(BaseForm):
    decision = RadioField(_l("Décision"), choices=[("hide", _l("Masquer le message")),
                                                   ("dismiss", _l("Classer sans suite"))],
                          validators=[DataRequired(_l("Choisissez une décision."))])
    note = TextAreaField(_l("Note pour le journal (facultative)"), validators=[Length(max=2000)])


class BookingRequestForm(_ActingFor):
    day = DayField(_l("Date"), validators=[InputRequired(_l("Indiquez la date."))], past=timedelta(0),
                   future=timedelta(days=rules.BOOKING_AHEAD_DAYS))
    start = TimeField(_l("Heure de début"), validators=[InputRequired(_l("Indiquez l'heure de début."))])
    end = TimeField(_l("Heure de fin"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])
    end_day = DayField(_l("Date de fin (si la réservation dure plusieurs jours)"), validators=[Optional()],
                       past=timedelta(0), future=timedelta(days=rules.BOOKING_AHEAD_DAYS + rules.MAX_BOOKING_DAYS))
    attendees = IntegerField(_l("Nombre de personnes attendues"), validators=[Optional(), NumberRange(min=1, max=100000)])
    message = TextAreaField(_l("Message pour la structure"), validators=[Length(max=2000)])

    def validate_end_day(self, field):
        if field.data and self.day.data and not self.day.errors:
            if field.data < self.day.data:
                raise ValidationError(_l("La date de fin doit suivre la date de début."))
            if (field.data - self.day.data).days >= rules.MAX_BOOKING_DAYS:
                raise ValidationError(_nl("Une réservation dure au plus %(num)d jour.",
                                          "Une réservation dure au plus %(num)d jours.", rules.MAX_BOOKING_DAYS))

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


class RoomSettingsForm(BaseForm):
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
            except rules.HoursRefused as exc:
                if exc.reason == "order":
                    field.errors.append(_l("« %(part)s » : l'heure de fin doit suivre l'heure de début (une soirée "
                                           "s'écrit jusqu'à 24:00, par exemple 18:00-24:00).", part=exc.part))
                else:
                    field.errors.append(_l("« %(part)s » : ces horaires se chevauchent.", part=exc.part))
                ok = False
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
    starts_on = DayField(_l("Retrait le"), validators=[InputRequired(_l("Indiquez la date de retrait."))],
                         past=timedelta(0), future=timedelta(days=rules.BOOKING_AHEAD_DAYS))
    due_on = DayField(_l("Retour le"), validators=[InputRequired(_l("Indiquez la date de retour."))],
                      past=timedelta(0), future=timedelta(days=rules.BOOKING_AHEAD_DAYS + rules.MAX_LOAN_DAYS))
    message = TextAreaField(_l("Message pour la structure"), validators=[Length(max=2000)])

    def validate_due_on(self, field):
        if field.data and self.starts_on.data and not self.starts_on.errors:
            if field.data < self.starts_on.data:
                raise ValidationError(_l("La date de retour doit suivre la date de retrait."))
            if (field.data - self.starts_on.data).days + 1 > rules.MAX_LOAN_DAYS:
                raise ValidationError(_l("Un prêt dure au plus %(days)d jours.", days=rules.MAX_LOAN_DAYS))


class LoanAcceptForm(BaseForm):
    deposit = EurosField(_l("Caution demandée (€)"))


CHECKLIST_CHOICES = [("complete", _l("Complet (tous les éléments, câbles et accessoires)")),
                     ("working", _l("Fonctionne")), ("clean", _l("Propre")), ("undamaged", _l("Sans dégât visible"))]


class _Condition(BaseForm):
    checklist = SelectMultipleField(_l("État constaté"), choices=CHECKLIST_CHOICES,
                                    widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    note = TextAreaField(_l("Note sur l'état"), validators=[Length(max=2000)])


class PickupForm(_Condition):
    pass


class ReturnForm(_Condition):
    deposit = RadioField(_l("Caution"), choices=[("returned", LABELS["deposit_state"]["returned"]),
                                                 ("kept", LABELS["deposit_state"]["kept"])],
                         default="returned", validators=[Optional()])


class AgreementForm(BaseForm):
    title = StringField(_l("Ce qui est convenu"), validators=[DataRequired(_l("Dites en quelques mots ce qui est convenu.")),
                                                              Length(max=200)])
    scheduled_on = DayField(_l("Date"), validators=[InputRequired(_l("Indiquez la date."))],
                            past=timedelta(days=365), future=timedelta(days=365))
    time_note = StringField(_l("Horaires"), validators=[Length(max=100)])
    hours = HoursField(_l("Nombre d'heures"), validators=[DataRequired(_l("Indiquez le nombre d'heures."))])

    @property
    def minutes(self):
        return self.hours.minutes


class DoneForm(BaseForm):
    note = TextAreaField(_l("Un mot de remerciement (facultatif, visible sur la fiche de l'autre structure)"),
                         validators=[Length(max=1000)])


class ThanksForm(BaseForm):
    note = TextAreaField(_l("Votre mot de remerciement"), validators=[DataRequired(_l("Écrivez votre mot.")),
                                                                       Length(max=1000)])


class CloseListingForm(BaseForm):
    confirm = BooleanField(_l("Clôturer l'annonce comme réalisée"), default=True)
