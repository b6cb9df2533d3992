"""Pages of a signed-in person: dashboard, organisations they run, volunteer profile."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from market.accounts import services
from market.accounts.dashboard import dashboard_for
from market.accounts.forms import AddMemberForm, OrganizationForm, VolunteerProfileForm, VolunteerSignupForm
from market.accounts.models import Membership, Organization
from market.accounts.permissions import can_admin, is_member
from market.auth.services import sign_up
from market.auth.signup import mail_sign_up, signed_up
from market.extensions import db, limiter
from market.panels import panels_for

bp = Blueprint("accounts", __name__)

DUPLICATE_MESSAGES = {"siret": _l("Une structure avec ce SIRET existe déjà dans le réseau."),
                      "rna": _l("Une structure avec ce numéro RNA existe déjà dans le réseau.")}


def _organization(slug) -> Organization:
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None:
        abort(404)
    return organization


@bp.get("/mon-espace")
@login_required
def dashboard():
    return render_template("accounts/dashboard.html", board=dashboard_for(current_user),
                           panels=panels_for(current_user))


@bp.route("/structures/nouvelle", methods=["GET", "POST"])
@login_required
def org_new():
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            services.create_organization(current_user, form.values())
        except services.DuplicateOrganization as exc:
            getattr(form, exc.field).errors.append(str(DUPLICATE_MESSAGES[exc.field]))
        else:
            db.session.commit()
            flash(_("Votre structure est créée. L'équipe de coordination la vérifiera ; en attendant, vos annonces passent par la modération."), "success")
            return redirect(url_for("accounts.dashboard"))
    return render_template("accounts/org_form.html", form=form, organization=None)


@bp.route("/structures/<slug>/modifier", methods=["GET", "POST"])
@login_required
def org_edit(slug):
    organization = _organization(slug)
    if not can_admin(current_user, organization):
        abort(403)
    form = OrganizationForm(obj=organization, require_charter=False)
    if request.method == "GET":
        form.commune.process_data(organization.commune_code)
    if form.validate_on_submit():
        try:
            services.update_organization(current_user, organization, form.values())
        except services.DuplicateOrganization as exc:
            getattr(form, exc.field).errors.append(str(DUPLICATE_MESSAGES[exc.field]))
        else:
            db.session.commit()
            flash(_("Fiche de la structure mise à jour."), "success")
            return redirect(organization.url)
    return render_template("accounts/org_form.html", form=form, organization=organization)


@bp.route("/structures/<slug>/membres", methods=["GET", "POST"])
@login_required
def org_members(slug):
    organization = _organization(slug)
    if not is_member(current_user, organization):
        abort(403)
    form = AddMemberForm()
    if request.method == "POST":
        if not can_admin(current_user, organization):
            abort(403)
        if form.validate_on_submit():
            try:
                membership = services.add_member(current_user, organization, form.email.data)
            except services.MembershipError as exc:
                form.email.errors.append(str(exc))
            else:
                db.session.commit()
                flash(_("%(name)s a été ajouté·e à la structure.", name=membership.user.display_name) if membership
                      else _("Invitation envoyée par e-mail."), "success")
                return redirect(url_for("accounts.org_members", slug=slug))
    return render_template("accounts/members.html", organization=organization, form=form,
                           is_admin=can_admin(current_user, organization))


def _membership(membership_id) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None:
        abort(404)
    return membership


@bp.post("/membres/<int:membership_id>/role")
@login_required
def member_role(membership_id):
    membership = _membership(membership_id)
    role = request.form.get("role")
    if role not in ("admin", "member"):
        abort(400)
    try:
        services.set_member_role(current_user, membership, role)
    except services.NotAllowed:
        abort(403)
    except services.MembershipError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Rôle mis à jour."), "success")
    return redirect(url_for("accounts.org_members", slug=membership.organization.slug))


@bp.post("/membres/<int:membership_id>/retirer")
@login_required
def member_remove(membership_id):
    membership = _membership(membership_id)
    slug, leaving = membership.organization.slug, membership.user_id == current_user.id
    try:
        services.remove_member(current_user, membership)
    except services.NotAllowed:
        abort(403)
    except services.MembershipError as exc:
        flash(str(exc), "error")
        return redirect(url_for("accounts.org_members", slug=slug))
    db.session.commit()
    flash(_("Vous avez quitté la structure.") if leaving else _("Membre retiré."), "success")
    return redirect(url_for("accounts.dashboard") if leaving else url_for("accounts.org_members", slug=slug))


@bp.route("/benevole", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
               exempt_when=lambda: current_user.is_authenticated)
def volunteer():
    """Sign up as a volunteer (new account) or edit one's volunteer profile."""
    if current_user.is_authenticated:
        profile = current_user.volunteer_profile
        form = VolunteerProfileForm(obj=profile)
        if request.method == "GET" and profile:
            form.commune.process_data(profile.commune_code)
            form.availability.data = profile.availability_list
    else:
        form = VolunteerSignupForm()
    if form.validate_on_submit():
        user = current_user if current_user.is_authenticated else None
        if user is None:  # a sign-up: the same answer whether the address has an account or not
            user, created = sign_up(form.email.data, form.display_name.data, form.password.data, volunteer=True)
            if created:
                services.save_volunteer_profile(user, form.values())
            db.session.commit()
            mail_sign_up(user, created)
            return signed_up()
        services.save_volunteer_profile(user, form.values())
        db.session.commit()
        flash(_("Votre profil de bénévole est enregistré."), "success")
        return redirect(url_for("accounts.dashboard"))
    return render_template("accounts/volunteer.html", form=form)
