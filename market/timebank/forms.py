"""Forms of the time bank: a coup de pouce, an answer, the hours, a contest, a correction, limits."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from market.fields import DayField, HoursField
from market.forms import BaseForm
from market.timebank import rules


def _choices(mapping):
    return list(mapping.items())


class HolderMixin:
    """"Au nom de": the person themselves (as a volunteer) or one of their organisations."""

    def set_holders(self, user):
        self.holder.choices = [(f"user:{user.id}", _l("Moi-même (bénévole)"))] + \
                              [(f"org:{o.id}", o.name) for o in user.organizations]
        if not self.holder.data and len(self.holder.choices) > 1:
            self.holder.data = self.holder.choices[1][0]
        return self


class PostForm(HolderMixin, BaseForm):
    holder = SelectField(_l("Au nom de"), validators=[DataRequired()])
    kind = RadioField(_l("Vous"), choices=_choices(rules.KINDS),
                      validators=[DataRequired(_l("Dites si vous proposez ou cherchez un coup de pouce."))])
    skill = SelectField(_l("Compétence"), choices=_choices(rules.SKILLS), validators=[DataRequired()])
    title = StringField(_l("Titre"), validators=[DataRequired(_l("Donnez un titre à votre coup de pouce.")),
                                                 Length(max=160)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=3000)])
    hours = HoursField(_l("Durée prévue"), validators=[DataRequired(_l("Indiquez la durée prévue."))],
                       maximum=12 * 60)


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


class LimitsForm(BaseForm):
    hard_floor = HoursField(_l("Plancher (refusé en dessous), en heures"), validators=[Optional()],
                            minimum=-1000 * 60, maximum=0)
    soft_floor = HoursField(_l("Alerte en dessous de, en heures"), validators=[Optional()],
                            minimum=-1000 * 60, maximum=1000 * 60)
    soft_ceiling = HoursField(_l("Alerte au-dessus de, en heures"), validators=[Optional()],
                              minimum=-1000 * 60, maximum=1000 * 60)
    hard_ceiling = HoursField(_l("Plafond (refusé au-dessus), en heures"), validators=[Optional()],
                              minimum=0, maximum=1000 * 60)
