"""Pages to sign up, log in, log out and reset a forgotten password."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from market.auth import services, tokens
from market.auth.forms import ForgotForm, LoginForm, ResetForm, SignupForm
from market.auth.signup import mail_sign_up, signed_up
from market.extensions import db, limiter
from market.notifications.mail import send_template
from market.redirects import safe_next

bp = Blueprint("auth", __name__)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/inscription", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    form = SignupForm()
    if request.method == "GET":
        form.invitation.data = request.args.get("invitation", "")
    if form.validate_on_submit():
        user, created = services.sign_up(form.email.data, form.display_name.data, form.password.data)
        db.session.commit()
        mail_sign_up(user, created, form.invitation.data)
        return signed_up()
    return render_template("auth/signup.html", form=form)


@bp.get("/inscription/envoyee")
def signup_sent():
    return render_template("auth/signup_sent.html")


@bp.get("/inscription/confirmer/<token>")
def confirm(token):
    user, invitation = tokens.read_signup_token(token)
    if user is None or user.status == "suspended":
        flash(_("Ce lien n'est plus valable : inscrivez-vous à nouveau, ou connectez-vous si c'est déjà fait."), "error")
        return redirect(url_for("auth.login"))
    if services.confirm_address(user):
        from market.accounts.services import accept_invitation
        accept_invitation(user, invitation)
    db.session.commit()
    login_user(user)
    flash(_("Bienvenue ! Votre adresse est confirmée et votre compte est prêt."), "success")
    return redirect(url_for("accounts.dashboard"))


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), url_for("accounts.dashboard")))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        waiting = services.awaiting_confirmation(form.email.data, form.password.data) if user is None else None
        if waiting is not None:  # the right password: only its owner learns that the address is not confirmed yet
            mail_sign_up(waiting, True)
            flash(_("Confirmez d'abord votre adresse : nous venons de vous renvoyer le lien par e-mail."), "info")
        elif user is None:
            flash(_("Adresse e-mail ou mot de passe incorrect."), "error")
        else:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("accounts.dashboard")))
    return render_template("auth/login.html", form=form)


def _log_out(message: str, endpoint: str):
    """End this session and every copy of the account's cookies (its other sessions end too)."""
    services.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(message, "info")
    return redirect(url_for(endpoint))


@bp.post("/deconnexion")
@login_required
def logout():
    return _log_out(_("Vous êtes déconnecté."), "main.home")


@bp.post("/deconnexion-partout")
@login_required
def logout_everywhere():
    return _log_out(_("Vous êtes déconnecté de tous vos appareils et navigateurs."), "auth.login")


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot():
    form = ForgotForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user is not None and user.is_active:
            link = url_for("auth.reset", token=tokens.make_reset_token(user), _external=True)
            send_template(user.email, _("Réinitialiser votre mot de passe"), "password_reset", user=user, link=link)
        # same answer whether the address exists or not
        flash(_("Si un compte existe pour cette adresse, un e-mail vient d'être envoyé avec un lien valable 2 heures."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def reset(token):
    user = tokens.read_reset_token(token)
    if user is None:
        flash(_("Ce lien n'est plus valable : demandez-en un nouveau."), "error")
        return redirect(url_for("auth.forgot"))
    form = ResetForm()
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        db.session.commit()
        flash(_("Votre mot de passe est changé : connectez-vous."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)
