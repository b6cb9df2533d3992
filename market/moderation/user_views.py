"""Accounts for coordinators: find a person, suspend or reinstate their account."""
from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from market.accounts.models import User
from market.extensions import db
from market.moderation import queries, services
from market.moderation.blueprint import back_to, bp, coordinator_required, decide, page_number
from market.moderation.forms import ReinstateForm, SuspendForm, UserFilterForm


def _user_or_404(user_id) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/comptes/")
@coordinator_required
def users():
    form = UserFilterForm(request.args)
    form.validate()
    filters = form.clean()
    pagination = db.paginate(queries.users(filters), page=page_number(),
                             per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("moderation/users.html", form=form, pagination=pagination,
                           args={k: v for k, v in filters.items() if v})


def _user_page(user, suspend_form=None, reinstate_form=None):
    return render_template("moderation/user.html", person=user, history=queries.history("user", user.id),
                           suspend_form=suspend_form or SuspendForm(prefix="suspend"),
                           reinstate_form=reinstate_form or ReinstateForm(prefix="reinstate"))


@bp.get("/comptes/<int:user_id>")
@coordinator_required
def user(user_id):
    return _user_page(_user_or_404(user_id))


@bp.post("/comptes/<int:user_id>/suspendre")
@coordinator_required
def suspend_user(user_id):
    person = _user_or_404(user_id)
    form = SuspendForm(prefix="suspend")
    if not form.validate_on_submit():
        return _user_page(person, suspend_form=form)
    return decide(lambda: services.suspend_user(current_user, person, form.reason.data),
                  _("Le compte de %(name)s est suspendu : cette personne ne peut plus se connecter.",
                    name=person.display_name),
                  back_to("moderation.user", user_id=person.id))


@bp.post("/comptes/<int:user_id>/retablir")
@coordinator_required
def reinstate_user(user_id):
    person = _user_or_404(user_id)
    form = ReinstateForm(prefix="reinstate")
    if not form.validate_on_submit():
        return _user_page(person, reinstate_form=form)
    return decide(lambda: services.reinstate_user(current_user, person, form.reason.data),
                  _("Le compte de %(name)s est rétabli.", name=person.display_name),
                  back_to("moderation.user", user_id=person.id))
