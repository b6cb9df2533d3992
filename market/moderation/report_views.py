"""Reports: any member reports a listing or an organisation; coordinators uphold or dismiss them."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import Organization
from market.directory.queries import can_see as can_see_organization
from market.extensions import db
from market.listings.models import Listing
from market.listings.permissions import can_view
from market.moderation import queries, services
from market.moderation.blueprint import back_to, bp, coordinator_required, decide
from market.moderation.forms import ReportDecisionForm, ReportForm


def _already_reported(target) -> bool:
    return any(r.reporter_id == current_user.id for r in services.open_reports(target))


def _report_page(target, kind, file_report, done_url):
    """The report form of a listing or an organisation (GET shows it, POST files the report)."""
    form = ReportForm()
    already = _already_reported(target)
    if not already and form.validate_on_submit():
        try:
            file_report(form.reason.data, form.text.data)
        except services.AlreadyReported:
            db.session.rollback()
            already = True
        except services.DecisionRefused as exc:
            db.session.rollback()
            form.reason.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Merci : votre signalement est transmis à l'équipe de coordination, qui va l'examiner."), "success")
            return redirect(done_url())
    return render_template("moderation/report_form.html", form=form, target=target, kind=kind, already=already)


@bp.route("/signaler/annonce/<int:listing_id>", methods=["GET", "POST"])
@login_required
def report_listing(listing_id):
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view(current_user, listing):
        abort(404)
    if services.owns_listing(current_user, listing) or not current_user.is_active:
        abort(403)
    return _report_page(listing, "listing",
                        lambda reason, text: services.report_listing(current_user, listing, reason, text),
                        lambda: listing.url if can_view(current_user, listing) else url_for("listings.browse"))


@bp.route("/signaler/structure/<slug>", methods=["GET", "POST"])
@login_required
def report_organization(slug):
    organization = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if organization is None or not can_see_organization(current_user, organization):
        abort(404)
    if current_user.membership_in(organization) is not None or not current_user.is_active:
        abort(403)
    return _report_page(organization, "organization",
                        lambda reason, text: services.report_organization(current_user, organization, reason, text),
                        lambda: organization.url)


@bp.get("/signalements/")
@coordinator_required
def reports():
    groups = queries.report_groups()
    forms = {g.key: ReportDecisionForm(prefix=f"decide-{g.key}") for g in groups}
    return render_template("moderation/reports.html", groups=groups, decision_forms=forms)


def _decide(target, key, success_uphold, success_dismiss):
    form = ReportDecisionForm(prefix=f"decide-{key}")
    if not form.validate_on_submit():
        groups = queries.report_groups()
        forms = {g.key: ReportDecisionForm(prefix=f"decide-{g.key}") for g in groups}
        forms[key] = form
        return render_template("moderation/reports.html", groups=groups, decision_forms=forms)
    uphold = form.decision.data == "uphold"
    return decide(lambda: services.decide_reports(current_user, target, uphold, form.note.data),
                  success_uphold if uphold else success_dismiss, back_to("moderation.reports"))


@bp.post("/signalements/annonce/<int:listing_id>")
@coordinator_required
def decide_listing_reports(listing_id):
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        abort(404)
    return _decide(listing, f"listing-{listing.id}",
                   _("Signalements confirmés : l'annonce « %(title)s » est retirée.", title=listing.title),
                   _("Signalements écartés : l'annonce « %(title)s » n'est plus masquée.", title=listing.title))


@bp.post("/signalements/structure/<slug>")
@coordinator_required
def decide_organization_reports(slug):
    organization = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if organization is None:
        abort(404)
    return _decide(organization, f"organization-{organization.id}",
                   _("Signalements sur %(name)s confirmés.", name=organization.name),
                   _("Signalements sur %(name)s écartés.", name=organization.name))
