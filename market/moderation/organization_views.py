"""Organisations for coordinators: those awaiting verification, all the others, verify, suspend, reinstate."""
import sqlalchemy as sa
from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from market.accounts.models import Organization
from market.extensions import db
from market.listings.models import Listing
from market.moderation import queries, services
from market.moderation.blueprint import back_to, bp, coordinator_required, decide, page_number
from market.moderation.forms import ConfirmForm, OrganizationFilterForm, ReinstateForm, SuspendForm


def organization_forms(organization, **given) -> dict:
    key = organization.id
    return {
        "verify_form": given.get("verify_form") or ConfirmForm(prefix=f"verify-{key}"),
        "suspend_form": given.get("suspend_form") or SuspendForm(prefix=f"suspend-{key}"),
        "reinstate_form": given.get("reinstate_form") or ReinstateForm(prefix=f"reinstate-{key}"),
    }


def _organization_or_404(slug) -> Organization:
    organization = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if organization is None:
        abort(404)
    return organization


@bp.get("/structures/")
@coordinator_required
def organizations():
    form = OrganizationFilterForm(request.args)
    form.validate()
    filters = form.clean()
    awaiting = db.session.scalars(queries.organizations({"status": "pending"})).all()
    pagination = db.paginate(queries.organizations(filters), page=page_number(),
                             per_page=current_app.config["PER_PAGE"], error_out=False)
    args = {k: v for k, v in filters.items() if v}
    return render_template("moderation/organizations.html", form=form, awaiting=awaiting, pagination=pagination,
                           args=args, verify_forms={o.id: ConfirmForm(prefix=f"verify-{o.id}") for o in awaiting})


def _listing_counts(organization) -> dict:
    rows = db.session.execute(sa.select(Listing.status, sa.func.count(Listing.id))
                              .where(Listing.organization_id == organization.id).group_by(Listing.status))
    return dict(rows.all())


def _organization_page(organization, **forms):
    return render_template("moderation/organization.html", organization=organization,
                           listing_counts=_listing_counts(organization),
                           reports=services.open_reports(organization),
                           history=queries.history("organization", organization.id),
                           **organization_forms(organization, **forms))


@bp.get("/structures/<slug>")
@coordinator_required
def organization(slug):
    return _organization_page(_organization_or_404(slug))


@bp.post("/structures/<slug>/verifier")
@coordinator_required
def verify_organization(slug):
    organization = _organization_or_404(slug)
    form = ConfirmForm(prefix=f"verify-{organization.id}")
    if not form.validate_on_submit():
        return _organization_page(organization, verify_form=form), 400
    return decide(lambda: services.verify_organization(current_user, organization),
                  _("%(name)s est vérifiée : ses prochaines annonces seront publiées sans attendre.", name=organization.name),
                  back_to("moderation.organization", slug=organization.slug))


@bp.post("/structures/<slug>/suspendre")
@coordinator_required
def suspend_organization(slug):
    organization = _organization_or_404(slug)
    form = SuspendForm(prefix=f"suspend-{organization.id}")
    if not form.validate_on_submit():
        return _organization_page(organization, suspend_form=form)
    return decide(lambda: services.suspend_organization(current_user, organization, form.reason.data),
                  _("%(name)s est suspendue : ses annonces ne sont plus visibles.", name=organization.name),
                  back_to("moderation.organization", slug=organization.slug))


@bp.post("/structures/<slug>/retablir")
@coordinator_required
def reinstate_organization(slug):
    organization = _organization_or_404(slug)
    form = ReinstateForm(prefix=f"reinstate-{organization.id}")
    if not form.validate_on_submit():
        return _organization_page(organization, reinstate_form=form)
    return decide(lambda: services.reinstate_organization(current_user, organization, form.reason.data),
                  _("%(name)s est rétablie.", name=organization.name),
                  back_to("moderation.organization", slug=organization.slug))
