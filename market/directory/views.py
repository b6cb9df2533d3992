"""Directory pages: the list of member organisations and each one's profile."""
from flask import Blueprint, abort, current_app, flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from market.accounts.models import Organization
from market.accounts.permissions import can_admin
from market.directory import queries
from market.extensions import db
from market.listings.queries import SEARCH_MAX_CHARS, public_listings_of, search_was_cut

bp = Blueprint("directory", __name__, url_prefix="/annuaire")


@bp.get("/")
def index():
    filters = queries.clean_filters(request.args)
    if search_was_cut(request.args):
        flash(_("Votre recherche était trop longue : seuls ses %(num)d premiers caractères ont été cherchés.",
                num=SEARCH_MAX_CHARS), "info")
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pagination = db.paginate(queries.listed_organizations(filters), page=page,
                             per_page=current_app.config["PER_PAGE"], error_out=False)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("directory/index.html", pagination=pagination, filters=filters, args=args)


@bp.get("/<slug>")
def show(slug):
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None or not queries.can_see(current_user, organization):
        abort(404)
    listings = public_listings_of(organization)
    return render_template("directory/show.html", organization=organization,
                           offers=[l for l in listings if l.kind == "offer"],
                           needs=[l for l in listings if l.kind == "need"],
                           can_admin=can_admin(current_user, organization))
