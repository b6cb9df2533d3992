"""Forms of the skills register: a declaration, a skill of the referential, the search of "Qui sait faire quoi ?"."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from market.fields import HoursField
from market.forms import BaseForm
from market.timebank.forms import HolderMixin

LEVELS = {"notions": _l("Des notions"), "practised": _l("Pratique régulière"), "expert": _l("Expert·e, métier")}
MODES = {"remote": _l("À distance"), "on_site": _l("Sur place")}


class DeclarationForm(HolderMixin, BaseForm):
    holder = SelectField(_l("Au nom de"), validators=[DataRequired()])
    skill = SelectField(_l("Compétence"), validators=[DataRequired(_l("Choisissez une compétence."))])
    level = RadioField(_l("Niveau"), choices=list(LEVELS.items()), default="practised",
                       validators=[DataRequired(_l("Choisissez un niveau."))])
    remote = BooleanField(_l("À distance (téléphone, visio, courriel)"), default=True)
    on_site = BooleanField(_l("Sur place, dans vos locaux"), default=True)
    hours_per_month = HoursField(_l("Heures par mois (facultatif)"), validators=[Optional()], minimum=15,
                                 maximum=200 * 60)
    note = TextAreaField(_l("Ce que vous savez faire"), validators=[Optional(), Length(max=1000)])


class SkillForm(BaseForm):
    label = StringField(_l("Nom de la compétence"), validators=[DataRequired(_l("Donnez un nom à la compétence.")),
                                                                Length(max=80)])
    label_en = StringField(_l("Nom en anglais (facultatif)"), validators=[Optional(), Length(max=80)])
    description = StringField(_l("Précision (facultatif)"), validators=[Optional(), Length(max=300)])
    position = IntegerField(_l("Ordre dans la liste"), validators=[Optional(), NumberRange(min=0, max=10_000)])
    active = BooleanField(_l("Proposée aux membres"), default=True)
