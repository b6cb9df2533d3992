"""The end of every sign-up form: the same answer whether the address has an account or not."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _

from market.auth import tokens
from market.notifications.mail import send_template


def mail_sign_up(user, created: bool, invitation: str = "") -> None:
    """After the commit: the confirmation link to a new account, or a word to the address's owner."""
    if created:
        link = url_for("auth.confirm", token=tokens.make_signup_token(user, invitation), _external=True)
        send_template(user.email, _("Confirmez votre adresse pour terminer l'inscription"), "signup_confirm",
                      user=user, link=link)
    else:
        send_template(user.email, _("Quelqu'un a voulu créer un compte avec votre adresse"), "signup_existing",
                      user=user, login=url_for("auth.login", _external=True),
                      reset=url_for("auth.forgot", _external=True))


def signed_up():
    """One answer for both cases, so the page never tells whether an address has an account."""
    flash(_("Presque fini : nous venons d'envoyer un e-mail à cette adresse. Ouvrez le lien qu'il contient "
            "pour terminer votre inscription (pensez à regarder dans les indésirables)."), "success")
    return redirect(url_for("auth.signup_sent"))
