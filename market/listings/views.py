"""Pages of offers and needs: browse, read, post, edit, close, repost."""
from functools import lru_cache

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from market import gates
from market.accounts.models import Organization, User
from market.extensions import db
from market.fragments import frozen
from market.listings import queries, services
from market.listings.cards import public_cards
from market.listings.forms import CloseForm, ListingForm
from market.listings.models import Listing
from market.listings.permissions import can_manage, can_post_for, can_view
from market.listings.rules import can as transition_allowed
from market.statements import reading_session

bp = Blueprint("listings", __name__, url_prefix="/annonces")


def _page() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


@bp.get("/")
def browse():
    """Offers and needs: words through the search index, filters and facets in both paths."""
    from market.search.pagination import ResultPagination
    from market.search.service import commune_facet, search_listings
    filters = queries.clean_filters(request.args)
    if queries.search_was_cut(request.args):
        flash(_("Votre recherche était trop longue : seuls ses %(num)d premiers caractères ont été cherchés.",
                num=queries.SEARCH_MAX_CHARS), "info")
    result = search_listings(filters, page=_page(), per_page=current_app.config["PER_PAGE"],
                             sort=request.args.get("sort"), load=public_cards)
    args = {k: v for k, v in request.args.items() if k != "page"}
    filters_key = ("browse-filters", frozen(filters), frozen(result.facets), result.estimated, result.sort, frozen(args))
    return render_template("listings/browse.html", pagination=ResultPagination(result), result=result,
                           filters=filters, args=args, commune_facet=commune_facet,
                           radii_km=queries.RADII_KM, filters_key=filters_key)


@lru_cache(maxsize=1)
def _listing_with_owner() -> sa.Select:
    """One query (the page shows the organisation or the author, can_view reads both), built once; of the
    owner only what the page and the permissions read (anything else is loaded if asked for)."""
    return (sa.select(Listing).where(Listing.id == sa.bindparam("listing_id"))
            .options(joinedload(Listing.organization).load_only(Organization.slug, Organization.name,
                                                                Organization.email, Organization.phone,
                                                                Organization.status),
                     joinedload(Listing.author).load_only(User.display_name, User.status)))


def _get_listing(listing_id) -> Listing:
    """The listing to show, read outside the request's transaction (the page changes nothing)."""
    listing = reading_session().scalars(_listing_with_owner(), {"listing_id": listing_id}).first()
    if listing is None or not can_view(current_user, listing):
        abort(404)
    return listing


@bp.get("/<int:listing_id>")
def show(listing_id):
    listing = _get_listing(listing_id)
    manage = can_manage(current_user, listing)
    return render_template("listings/show.html", listing=listing, can_manage=manage,
                           close_form=CloseForm() if manage else None, transition_allowed=transition_allowed)


def _posting_choices(user):
    choices = [(o.slug, o.name) for o in user.organizations if can_post_for(user, o)]
    if can_post_for(user, None):
        choices.append(("", _("À titre individuel (bénévole)")))
    return choices


def _organization_from(form, user):
    slug = form.organization.data
    return next((o for o in user.organizations if o.slug == slug), None)


@bp.route("/nouvelle", methods=["GET", "POST"])
@login_required
def new():
    form = ListingForm()
    form.organization.choices = _posting_choices(current_user)
    if not form.organization.choices:
        flash(_("Pour publier, créez d'abord votre structure ou inscrivez-vous comme bénévole."), "info")
        return redirect(url_for("accounts.dashboard"))
    if request.method == "GET":
        form.organization.data = request.args.get("organization") or form.organization.choices[0][0]
        form.kind.data = request.args.get("kind") if request.args.get("kind") in ("offer", "need") else None
    form.organization.validators = []  # "" is a valid choice (individual)
    if form.validate_on_submit():
        organization = _organization_from(form, current_user)
        try:
            listing = services.create_listing(current_user, organization, form.listing_values(),
                                              expires_on=form.expires_on.data, submit="save_draft" not in request.form)
        except gates.Reserved as exc:  # what was typed stays on the page; it can still be kept as a draft
            db.session.rollback()
            form.form_errors.append(exc.message)
            return render_template("listings/form.html", form=form, listing=None), 403
        db.session.commit()
        flash(_status_message(listing), "success")
        return redirect(listing.url)
    return render_template("listings/form.html", form=form, listing=None)


def _status_message(listing) -> str:
    if listing.status == "published":
        return _("Votre annonce est publiée.")
    if listing.status == "pending":
        return _("Votre annonce est enregistrée : elle sera publiée après vérification par l'équipe de coordination.")
    return _("Votre brouillon est enregistré.")


def _managed_listing(listing_id) -> Listing:
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view(current_user, listing):
        abort(404)
    if not can_manage(current_user, listing):
        abort(403)
    return listing


@bp.route("/<int:listing_id>/modifier", methods=["GET", "POST"])
@login_required
def edit(listing_id):
    listing = _managed_listing(listing_id)
    form = ListingForm(obj=listing)
    del form.organization  # a listing never changes owner
    if request.method == "GET":
        form.commune.process_data(listing.commune_code)
        form.price.process_data(listing.price_cents)
        form.deposit.process_data(listing.deposit_cents)
        form.step_free.data = {True: "yes", False: "no"}.get(listing.step_free, "")
        form.remote.data = {True: "yes", False: "no"}.get(listing.remote, "")
        form.expires_on.data = listing.expires_at.date()
    if form.validate_on_submit():
        try:
            services.update_listing(current_user, listing, form.listing_values(), expires_on=form.expires_on.data)
        except gates.Reserved as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            return render_template("listings/form.html", form=form, listing=listing), 403
        db.session.commit()
        flash(_("Annonce mise à jour."), "success")
        return redirect(listing.url)
    return render_template("listings/form.html", form=form, listing=listing)


@bp.post("/<int:listing_id>/soumettre")
@login_required
def submit(listing_id):
    listing = _managed_listing(listing_id)
    if listing.status not in ("draft", "changes_requested"):
        abort(409)
    try:
        services.submit_listing(current_user, listing)
    except gates.Reserved as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(listing.url)
    db.session.commit()
    flash(_status_message(listing), "success")
    return redirect(listing.url)


@bp.post("/<int:listing_id>/cloturer")
@login_required
def close(listing_id):
    listing = _managed_listing(listing_id)
    form = CloseForm()
    if listing.status != "published" or not form.validate_on_submit():
        flash(_("Cette annonce ne peut pas être clôturée maintenant."), "error")
        return redirect(listing.url)
    services.close_listing(current_user, listing, form.reason.data)
    db.session.commit()
    flash(_("Annonce clôturée."), "success")
    return redirect(listing.url)


@bp.post("/<int:listing_id>/republier")
@login_required
def repost(listing_id):
    listing = _managed_listing(listing_id)
    if listing.status not in ("closed", "expired") or listing.hidden:
        flash(_("Seule une annonce clôturée ou expirée peut être republiée."), "error")
        return redirect(listing.url)
    try:
        services.repost_listing(current_user, listing)
    except gates.Reserved as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(listing.url)
    db.session.commit()
    flash(_status_message(listing), "success")
    return redirect(listing.url)
