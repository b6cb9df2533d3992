"""Forms for organisations, members and volunteers."""
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, EmailField, IntegerField, SelectField, SelectMultipleField, StringField,
                     TelField, TextAreaField, URLField, ValidationError, widgets)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp

from market.accounts import rules
from market.auth.forms import EMAIL_MSG, AccountMixin, trimmed
from market.fields import CommuneField, LabelsField
from market.forms import BaseForm
from market.labels import choices


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class OrganizationForm(BaseForm):
    name = StringField(_l("Nom de la structure"), validators=[DataRequired(_l("Indiquez le nom de la structure.")), Length(max=140)])
    legal_form = SelectField(_l("Forme juridique"), choices=choices("legal_form"), validators=[DataRequired()])
    sectors = LabelsField(_l("Secteurs d'activité"), validators=[Length(max=300)],
                          description=_l("Séparés par des points-virgules, par exemple : culture ; sport adapté"))
    address = StringField(_l("Adresse"), validators=[Length(max=200)])
    commune = CommuneField(_l("Commune"), validators=[DataRequired(_l("Indiquez la commune."))],
                           description=_l("Tapez le nom ou le code postal, puis choisissez dans la liste."))
    website = URLField(_l("Site web"), validators=[Optional(), Regexp(r"(?i)^https?://", message=_l("L'adresse web doit commencer par http:// ou https://.")), URL(message=_l("Adresse web invalide, par exemple https://exemple.fr")), Length(max=300)])
    email = EmailField(_l("E-mail de contact public"), filters=[trimmed], validators=[Optional(), Email(EMAIL_MSG, check_deliverability=False), Length(max=254)])
    phone = TelField(_l("Téléphone public"), validators=[Optional(), Length(max=30)])
    description = TextAreaField(_l("Présentation et missions"), validators=[Length(max=5000)])
    siret = StringField(_l("SIRET (facultatif)"), validators=[Optional()], description=_l("14 chiffres"))
    rna = StringField(_l("Numéro RNA (facultatif)"), validators=[Optional()], description=_l("W suivi de 9 chiffres"))
    charter = BooleanField(_l("Nous avons lu et signons la charte d'engagement du réseau"))

    def __init__(self, *args, require_charter=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_charter = require_charter

    def validate_siret(self, field):
        field.data = rules.clean_digits(field.data) or None
        if field.data and not rules.siret_is_valid(field.data):
            raise ValidationError(_l("SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle."))

    def validate_rna(self, field):
        field.data = rules.normalise_rna(field.data) or None
        if field.data and not rules.rna_is_valid(field.data):
            raise ValidationError(_l("Numéro RNA invalide : la lettre W suivie de 9 chiffres."))

    def validate_charter(self, field):
        if self.require_charter and not field.data:
            raise ValidationError(_l("L'adhésion au réseau suppose de signer la charte."))

    def values(self) -> dict:
        commune = self.commune.commune
        return {"name": self.name.data.strip(), "legal_form": self.legal_form.data,
                "sectors": self.sectors.data or "", "address": (self.address.data or "").strip(),
                "commune_code": commune.code, "postal_code": commune.postal_code,
                "website": self.website.data or "", "email": (self.email.data or "").lower(),
                "phone": self.phone.data or "", "description": self.description.data or "",
                "siret": self.siret.data or None, "rna": self.rna.data or None}


class AddMemberForm(BaseForm):
    email = EmailField(_l("Adresse e-mail de la personne"), filters=[trimmed], validators=[DataRequired(EMAIL_MSG), Email(EMAIL_MSG, check_deliverability=False)])


class VolunteerProfileForm(BaseForm):
    commune = CommuneField(_l("Votre commune"), validators=[DataRequired(_l("Indiquez votre commune."))])
    radius_km = IntegerField(_l("Jusqu'à quelle distance (km) ?"), default=20,
                             validators=[DataRequired(_l("Indiquez une distance.")), NumberRange(
                                 min=1, max=200, message=_l("Indiquez une distance entre 1 et 200 km."))])
    skills = LabelsField(_l("Vos compétences"), validators=[Length(max=500)],
                         description=_l("Séparées par des points-virgules, par exemple : conduite ; accueil ; comptabilité"))
    availability = MultiCheckboxField(_l("Vos disponibilités"), choices=choices("availability"))
    visible_in_pool = BooleanField(_l("Apparaître dans le vivier de bénévoles du réseau"),
                                   description=_l("Les associations vérifiées du réseau verront votre nom, votre "
                                                  "commune, vos compétences et vos disponibilités (jamais votre "
                                                  "adresse e-mail) et pourront vous inviter à un créneau. Vous "
                                                  "pouvez changer d'avis à tout moment."))

    def values(self) -> dict:
        return {"commune_code": self.commune.code, "radius_km": self.radius_km.data,
                "skills": self.skills.data or "", "availability": ";".join(self.availability.data or []),
                "visible_in_pool": bool(self.visible_in_pool.data)}


class VolunteerSignupForm(AccountMixin, VolunteerProfileForm):
    """The volunteer's account (AccountMixin's fields come first, as on the page) and profile."""
