"""Pages to sign up, log in, log out and reset a forgotten password."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from market.auth import services, tokens
from market.auth.forms import ForgotForm, LoginForm, ResetForm, SignupForm
from market.extensions import db, limiter
from market.notifications.mail import send_template
from market.redirects import safe_next

bp = Blueprint("auth", __name__)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/inscription", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])  # "address taken" answers: bound the probing
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    form = SignupForm()
    if request.method == "GET":
        form.invitation.data = request.args.get("invitation", "")
    if form.validate_on_submit():
        try:
            user = services.register_user(form.email.data, form.display_name.data, form.password.data)
        except services.EmailTaken:
            form.email.errors.append(_("Un compte existe déjà avec cette adresse : connectez-vous ou réinitialisez votre mot de passe."))
        else:
            from market.accounts.services import accept_invitation
            accept_invitation(user, form.invitation.data)
            db.session.commit()
            login_user(user)
            flash(_("Bienvenue ! Votre compte est créé."), "success")
            return redirect(url_for("accounts.dashboard"))
    return render_template("auth/signup.html", form=form)


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), url_for("accounts.dashboard")))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Adresse e-mail ou mot de passe incorrect."), "error")
        else:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("accounts.dashboard")))
    return render_template("auth/login.html", form=form)


@bp.post("/deconnexion")
@login_required
def logout():
    """Ends this session and every copy of its cookies: the account's other sessions end too."""
    services.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("main.home"))


@bp.post("/deconnexion-partout")
@login_required
def logout_everywhere():
    services.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("Vous êtes déconnecté de tous vos appareils et navigateurs."), "info")
    return redirect(url_for("auth.login"))


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
