"""Pages of tokens: a member's own (create, shown once; list; revoke), and all of them for coordinators."""
import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.extensions import db
from market.moderation.blueprint import coordinator_required
from market.redirects import safe_next
from market.tokens import queries, services
from market.tokens.forms import TokenForm
from market.tokens.models import PersonalAccessToken

bp = Blueprint("tokens", __name__)


def panel_context(user):
    """The Mon espace panel: how many tokens are active, and the way to the page."""
    if not getattr(user, "is_authenticated", False):
        return None
    return {"active": sum(1 for t in queries.tokens_of(user) if not t.is_revoked)}


def _form(user) -> TokenForm:
    form = TokenForm()
    form.organization.choices = [("", _("Toutes mes actions (pas de structure précise)"))] + \
        [(o.slug, o.name) for o in user.organizations]
    return form


SENT = "token_forms_sent"  # nonces of the token forms already used, in the session (never the token itself)


def _page(form, created=None, secret=None, status=200):
    form.nonce.data = secrets.token_urlsafe(16)
    return render_template("tokens/index.html", form=form, tokens=queries.tokens_of(current_user),
                           created=created, secret=secret), status


@bp.get("/mon-espace/jetons")
@login_required
def index():
    return _page(_form(current_user))


@bp.post("/mon-espace/jetons")
@login_required
def create():
    form = _form(current_user)
    if not form.validate_on_submit():
        return _page(form, status=422)
    sent = session.get(SENT, [])
    if form.nonce.data and form.nonce.data in sent:  # the page was reloaded or the button clicked twice
        flash(_("Ce jeton a déjà été créé : il n'était affiché qu'une fois. S'il n'a pas été copié, "
                "révoquez-le et créez-en un autre."), "info")
        return redirect(url_for("tokens.index"))
    session[SENT] = [*sent[-9:], form.nonce.data] if form.nonce.data else sent
    organization = next((o for o in current_user.organizations if o.slug == form.organization.data), None)
    token, secret = services.create_token(current_user, form.name.data, form.scopes.data,
                                          expires_on=form.expires_on.data, organization=organization)
    db.session.commit()
    # the one time the secret is shown: a page, never a redirect that would need to keep it somewhere
    return _page(_form(current_user), created=token, secret=secret)


@bp.post("/mon-espace/jetons/<int:token_id>/revoquer")
@login_required
def revoke(token_id):
    token = db.session.get(PersonalAccessToken, token_id)
    if token is None:
        abort(404)
    try:
        services.revoke_token(current_user, token)
    except services.NotAllowed:
        abort(404 if not current_user.is_coordinator else 403)
    db.session.commit()
    flash(_("Le jeton « %(name)s » est révoqué : il ne fonctionne plus.", name=token.name), "success")
    return redirect(safe_next(request.form.get("next"), url_for("tokens.index")))


@bp.get("/moderation/jetons")
@coordinator_required
def all_tokens():
    return render_template("tokens/all.html", tokens=queries.active_tokens())
