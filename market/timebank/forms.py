"""Forms of the time bank: a coup de pouce, an answer, the hours, a contest, a correction, limits and settings."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from market.fields import DayField, HoursField
from market.forms import BaseForm
from market.timebank import rules, skills


def _choices(mapping):
    return list(mapping.items())


class HolderMixin:
    """"Au nom de": the person themselves (as a volunteer) or one of their organisations."""

    def set_holders(self, user):
        self.holder.choices = [(f"user:{user.id}", _l("Moi-même (bénévole)"))] + \
                              [(f"org:{o.id}", o.name) for o in user.organizations]
        if not self.holder.data and len(self.holder.choices) > 1:
            self.holder.data = self.holder.choices[1][0]
        if hasattr(self, "skill"):
            self.skill.choices = skills.choices()
        return self


class PostForm(HolderMixin, BaseForm):
    holder = SelectField(_l("Au nom de"), validators=[DataRequired()])
    kind = RadioField(_l("Vous"), choices=_choices(rules.KINDS),
                      validators=[DataRequired(_l("Dites si vous proposez ou cherchez un coup de pouce."))])
    skill = SelectField(_l("Compétence"), validators=[DataRequired()])
    title = StringField(_l("Titre"), validators=[DataRequired(_l("Donnez un titre à votre coup de pouce.")),
                                                 Length(max=160)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=3000)])
    hours = HoursField(_l("Durée prévue"), validators=[DataRequired(_l("Indiquez la durée prévue."))],
                       maximum=12 * 60)
    slots = IntegerField(_l("Nombre de créneaux proposés (facultatif)"), validators=[
        Optional(), NumberRange(min=1, max=rules.MAX_SLOTS,
                                message=_l("Proposez entre 1 et %(max)d créneaux.", max=rules.MAX_SLOTS))])


class RespondForm(HolderMixin, BaseForm):
    holder = SelectField(_l("Au nom de"), validators=[DataRequired()])
    scheduled_on = DayField(_l("Date envisagée"), validators=[Optional()], past=timedelta(days=0),
                            future=timedelta(days=365))
    message = TextAreaField(_l("Message"), validators=[DataRequired(_l("Écrivez quelques mots pour vous présenter.")),
                                                       Length(max=2000)])


class RecordForm(BaseForm):
    hours = HoursField(_l("Durée du coup de pouce"), validators=[DataRequired(_l("Indiquez la durée."))],
                       maximum=12 * 60)


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Raison"), validators=[DataRequired(_l("Indiquez la raison.")), Length(max=1000)])


def _limit(label, minimum, maximum):
    return HoursField(label, validators=[Optional()], minimum=minimum, maximum=maximum)


class LimitsForm(BaseForm):
    hard_floor = _limit(_l("Plancher (refusé en dessous), en heures"), -1000 * 60, 0)
    soft_floor = _limit(_l("Alerte en dessous de, en heures"), -1000 * 60, 1000 * 60)
    soft_ceiling = _limit(_l("Alerte au-dessus de, en heures"), -1000 * 60, 1000 * 60)
    hard_ceiling = _limit(_l("Plafond (refusé au-dessus), en heures"), 0, 1000 * 60)


class SettingsForm(LimitsForm):
    welcome = HoursField(_l("Crédit de bienvenue des nouveaux comptes, en heures"), validators=[Optional()],
                         minimum=0, maximum=100 * 60)
    workshop_rule = RadioField(_l("Heures d'un atelier"), choices=_choices(rules.WORKSHOP_RULES),
                               validators=[DataRequired(_l("Choisissez une règle pour les ateliers."))])
