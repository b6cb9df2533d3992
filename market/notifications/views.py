"""Pages of notifications (placeholder: the feature adds them)."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)
