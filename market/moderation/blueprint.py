"""The moderation blueprint and what its views share: the coordinator check, decisions, redirects."""
from functools import wraps

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from market.redirects import safe_next
from market.extensions import db
from market.moderation import queries, rules, services

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def coordinator_required(view):
    """Anonymous: to the login page; logged in but not a coordinator: 403."""
    @login_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not services.is_coordinator(current_user):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@bp.context_processor
def _moderation_globals():
    return {"moderation_counts": queries.counts, "action_label": rules.action_label,
            "target_type_label": rules.target_type_label}


def page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


def back_to(default_endpoint: str, **values) -> str:
    """Where to go after a decision: the local `next` field of the form, else a default page."""
    return safe_next(request.form.get("next"), url_for(default_endpoint, **values))


def decide(action, success: str, back: str):
    """Run one service call, commit once; a refused decision is flashed and rolled back, never a 500."""
    try:
        action()
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    except services.DecisionRefused as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(back)
