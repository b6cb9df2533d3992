"""Pages of matching (placeholder: the feature adds them)."""
from flask import Blueprint

bp = Blueprint("matching", __name__)
