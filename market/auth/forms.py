"""Forms of sign-up, log-in and password reset."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from market.forms import BaseForm

EMAIL_MSG = _l("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.")


def trimmed(value):
    """An address pasted with spaces around it is the same address."""
    return value.strip() if isinstance(value, str) else value


class AccountMixin:
    """Name, e-mail, password: declared in the order the sign-up pages show them, which is also the
    order of the error summary (WTForms lists fields by declaration)."""
    display_name = StringField(_l("Votre nom (affiché aux autres membres)"), validators=[
        DataRequired(_l("Indiquez votre nom.")), Length(max=120)])
    email = EmailField(_l("Adresse e-mail"), filters=[trimmed], validators=[DataRequired(EMAIL_MSG), Email(EMAIL_MSG, check_deliverability=False), Length(max=254)])
    password = PasswordField(_l("Mot de passe"), validators=[
        DataRequired(_l("Choisissez un mot de passe.")),
        Length(min=10, message=_l("Le mot de passe doit comporter au moins 10 caractères.")),
        Length(max=200, message=_l("Le mot de passe doit comporter au plus 200 caractères."))])
    confirm = PasswordField(_l("Confirmez le mot de passe"), validators=[
        DataRequired(_l("Confirmez le mot de passe.")),
        EqualTo("password", message=_l("Les deux mots de passe ne correspondent pas."))])


class PasswordMixin:
    password, confirm = AccountMixin.password, AccountMixin.confirm


class SignupForm(AccountMixin, BaseForm):
    invitation = HiddenField()


class LoginForm(BaseForm):
    email = EmailField(_l("Adresse e-mail"), filters=[trimmed], validators=[DataRequired(EMAIL_MSG), Email(EMAIL_MSG, check_deliverability=False)])
    password = PasswordField(_l("Mot de passe"), validators=[DataRequired(_l("Saisissez votre mot de passe."))])
    remember = BooleanField(_l("Rester connecté sur cet appareil"))


class ForgotForm(BaseForm):
    email = EmailField(_l("Adresse e-mail"), filters=[trimmed], validators=[DataRequired(EMAIL_MSG), Email(EMAIL_MSG, check_deliverability=False)])


class ResetForm(PasswordMixin, BaseForm):
    pass
