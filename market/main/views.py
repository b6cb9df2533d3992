"""Home, language switch, charter and accessibility statement."""
from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user

from market.redirects import safe_next
from market.extensions import db
from market.listings.cards import public_cards
from market.search.service import search_listings
from market.main.services import network_services

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    # the search index's bitsets, as on the browse page (SQL scanned every listing for urgent needs)
    latest = search_listings({}, per_page=6, sort="newest", load=public_cards, facets=False).items
    urgent = search_listings({"urgent": True, "kind": "need"}, per_page=4, sort="newest", load=public_cards,
                             facets=False).items
    return render_template("main/home.html", latest=latest, urgent=urgent, services=network_services())


@bp.post("/langue")
def set_language():
    lang = request.form.get("lang")
    if lang in ("fr", "en"):
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("main.home")))


@bp.get("/accessibilite")
def accessibility():
    return render_template("main/accessibility.html")


@bp.get("/charte")
def charter():
    from market.accounts.models import CHARTER_VERSION
    return render_template("main/charter.html", version=CHARTER_VERSION)
