"""Forms of matching: save a search with its frequency, change the frequency."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import Length, Optional

from market.forms import BaseForm

FREQUENCY_CHOICES = [("immediately", _l("Aussitôt")), ("daily", _l("Une fois par jour")),
                     ("weekly", _l("Une fois par semaine")),
                     ("never", _l("Jamais (garder seulement comme raccourci)"))]


class FrequencyForm(BaseForm):
    frequency = RadioField(_l("Me prévenir des nouveaux résultats"), choices=FREQUENCY_CHOICES, default="daily")


class SaveSearchForm(FrequencyForm):
    name = StringField(_l("Nom de la recherche"), validators=[Optional(), Length(max=120)])
