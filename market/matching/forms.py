"""Forms of matching: save a search with its frequency, change the frequency."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import Length, Optional

FREQUENCY_CHOICES = [("immediately", _l("Aussitôt")), ("daily", _l("Une fois par jour")),
                     ("weekly", _l("Une fois par semaine")),
                     ("never", _l("Jamais (garder seulement comme raccourci)"))]


class FrequencyForm(FlaskForm):
    frequency = RadioField(_l("Me prévenir des nouveaux résultats"), choices=FREQUENCY_CHOICES, default="daily")


class SaveSearchForm(FrequencyForm):
    name = StringField(_l("Nom de la recherche"), validators=[Optional(), Length(max=120)])
