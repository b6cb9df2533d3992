"""Moderation pages (placeholder until the moderation feature lands)."""
from flask import Blueprint, abort
from flask_login import current_user, login_required

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.get("/")
@login_required
def queue():
    if not current_user.is_coordinator:
        abort(403)
    return "moderation"
