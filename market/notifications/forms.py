"""Forms of notifications: preferences per channel and frequency, the newsletter's editorial."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.validators import Length

from market.forms import BaseForm

FREQUENCY_CHOICES = [("immediately", _l("Aussitôt")), ("daily", _l("Une fois par jour (le matin)")),
                     ("weekly", _l("Une fois par semaine (le lundi)"))]


class PreferencesForm(BaseForm):
    in_app = BooleanField(_l("Afficher les notifications sur le site"))
    email = BooleanField(_l("Recevoir les notifications par e-mail"))
    email_frequency = RadioField(_l("Fréquence des e-mails de notification"), choices=FREQUENCY_CHOICES,
                                 default="immediately")
    match_alerts = BooleanField(_l("Me prévenir des annonces qui correspondent aux miennes et à mes recherches"))
    urgent_calls = BooleanField(_l("Recevoir les appels urgents près de chez moi, aussitôt"))
    newsletter = BooleanField(_l("Recevoir la lettre du réseau"))

    FIELDS = ("in_app", "email", "email_frequency", "match_alerts", "urgent_calls", "newsletter")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class EditorialForm(BaseForm):
    editorial = TextAreaField(_l("Mot de la coordination (en tête de la prochaine lettre)"),
                              validators=[Length(max=2000)])


class ConfirmForm(BaseForm):
    """Only the CSRF token: for mark-as-read buttons."""
