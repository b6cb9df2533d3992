"""The `network` blueprint and the helpers its views share."""
from flask import Blueprint, abort
from flask_login import current_user

from market.extensions import db
from market.network import permissions
from market.network.labels import format_label, status_label
from market.network.models import Meeting
from market.network.rules import PARIS

bp = Blueprint("network", __name__)


@bp.app_context_processor
def _helpers():
    return {"format_label": format_label, "status_label": status_label, "paris_time": paris_time}


def paris_time(dt) -> str:
    """"18 h 30": the time of day in Paris."""
    local = dt.astimezone(PARIS)
    return f"{local.hour} h {local.minute:02d}" if local.minute else f"{local.hour} h"


def visible_meeting(meeting_id) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not permissions.can_view(current_user, meeting):
        abort(404)
    return meeting
