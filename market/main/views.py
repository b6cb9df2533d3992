"""Home, language switch, charter and accessibility statement."""
from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user

from market.redirects import safe_next
from market.extensions import db
from market.listings.queries import public_listings
from market.main.services import network_services

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    latest = db.session.scalars(public_listings({}).limit(6)).all()
    urgent = db.session.scalars(public_listings({"urgent": True, "kind": "need"}).limit(4)).all()
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
