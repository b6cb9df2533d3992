"""A structure's own membership page: where it stands, what it owes, its size, the charter it signed."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import CHARTER_VERSION, Organization
from market.extensions import db
from market.gates import actions
from market.membership import permissions, queries, rules, services
from market.membership.forms import CharterForm, SizeForm
from market.membership.models import Payment

bp = Blueprint("membership", __name__)


today = queries.today


def organization_or_404(slug) -> Organization:
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None:
        abort(404)
    return organization


def _visible(slug) -> Organization:
    organization = organization_or_404(slug)
    if not permissions.can_see(current_user, organization):
        abort(403)
    return organization


def _page(organization, size_form=None, charter_form=None, status=200):
    day = today()
    standing = queries.standing(organization, day)
    due_year = standing.renewal or standing.current
    if size_form is None:
        size_form = SizeForm(data={"size": due_year.size})
    required = queries.required_actions()
    return render_template(
        "membership/organization.html", organization=organization, standing=standing, due_year=due_year,
        size_form=size_form, charter_form=charter_form or CharterForm(), charter_version=CHARTER_VERSION,
        can_declare=permissions.can_declare(current_user, organization),
        reserved=[a for a in actions() if a.key in required], grace_end=rules.grace_end(due_year.year),
        grace_this=rules.grace_end(day.year),
        payments=queries.payment_lines(Payment.organization_id == organization.id)), status


@bp.get("/structures/<slug>/adhesion")
@login_required
def organization(slug):
    return _page(_visible(slug))


def _due_year(organization) -> int:
    standing = queries.standing(organization, today())
    return (standing.renewal or standing.current).year


@bp.post("/structures/<slug>/adhesion/taille")
@login_required
def declare_size(slug):
    organization = _visible(slug)
    form = SizeForm()
    if not form.validate_on_submit():
        return _page(organization, size_form=form, status=422)
    try:
        services.declare_size(current_user, organization, _due_year(organization), form.size.data)
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    except services.Refused as exc:
        db.session.rollback()
        form.size.errors = [str(exc)]
        return _page(organization, size_form=form, status=422)
    db.session.commit()
    flash(_("Taille enregistrée : la cotisation est calculée d'après le barème."), "success")
    return redirect(url_for("membership.organization", slug=slug))


@bp.post("/structures/<slug>/adhesion/charte")
@login_required
def sign_charter(slug):
    organization = _visible(slug)
    form = CharterForm()
    if not form.validate_on_submit():
        return _page(organization, charter_form=form, status=422)
    try:
        services.sign_charter(current_user, organization, _due_year(organization))
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    db.session.commit()
    flash(_("Charte signée : la version %(version)s est enregistrée avec la date du jour.", version=CHARTER_VERSION),
          "success")
    return redirect(url_for("membership.organization", slug=slug))


from market.membership import coordination_views  # noqa: E402,F401  (its routes on the same blueprint)
