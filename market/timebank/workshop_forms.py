"""Forms of workshops: propose one, book a seat (for oneself or an organisation), a button, who came."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from market.fields import CommuneField, DayField
from market.forms import BaseForm
from market.timebank import rules
from market.timebank.forms import HolderMixin


class WorkshopForm(HolderMixin, BaseForm):
    holder = SelectField(_l("Animé par"), validators=[DataRequired()])
    skill = SelectField(_l("Compétence"), validators=[DataRequired(_l("Choisissez une compétence."))])
    title = StringField(_l("Titre de l'atelier"), validators=[DataRequired(_l("Donnez un titre à votre atelier.")),
                                                              Length(max=160)])
    description = TextAreaField(_l("Programme"), validators=[Optional(), Length(max=5000)])
    day = DayField(_l("Date"), validators=[InputRequired(_l("Indiquez la date de l'atelier."))], past=timedelta(0),
                   future=timedelta(days=730))
    start = TimeField(_l("Heure de début"), validators=[InputRequired(_l("Indiquez l'heure de début."))])
    end = TimeField(_l("Heure de fin"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])
    place = StringField(_l("Lieu (adresse, salle)"), validators=[Optional(), Length(max=200)])
    commune = CommuneField(_l("Commune"), validators=[Optional()])
    video_url = StringField(_l("Ou lien de visioconférence"), validators=[Optional(), Length(max=300)],
                            render_kw={"inputmode": "url", "autocomplete": "url"})
    capacity = IntegerField(_l("Nombre de places"), validators=[
        InputRequired(_l("Indiquez le nombre de places, par exemple 6.")),
        NumberRange(min=1, max=rules.MAX_SEATS,
                    message=_l("Indiquez un nombre de places entre 1 et %(max)d.", max=rules.MAX_SEATS))])
    notice_hours = IntegerField(_l("Annulation possible jusqu'à, en heures avant le début"), default=24,
                                validators=[InputRequired(_l("Indiquez un délai, par exemple 24.")),
                                            NumberRange(min=0, max=14 * 24, message=_l(
                                                "Indiquez un délai d'annulation entre 0 et 336 heures."))])

    def values(self) -> dict:
        return {"skill": self.skill.data, "title": self.title.data, "description": self.description.data,
                "day": self.day.data, "start": self.start.data, "end": self.end.data, "place": self.place.data,
                "commune_code": self.commune.code, "video_url": self.video_url.data, "capacity": self.capacity.data,
                "notice_hours": self.notice_hours.data}


class BookForm(HolderMixin, BaseForm):
    holder = SelectField(_l("Au nom de"), validators=[DataRequired()])


class ActionForm(BaseForm):
    """A button that needs only the CSRF token (cancel my seat, confirm the seat offered, confirm the hours)."""


class CancelWorkshopForm(BaseForm):
    reason = TextAreaField(_l("Pourquoi l'atelier est annulé"), validators=[
        DataRequired(_l("Dites pourquoi l'atelier est annulé : les inscrit·es le liront.")), Length(max=2000)])
