"""Pages of exchanges (placeholder: the feature adds them)."""
from flask import Blueprint

bp = Blueprint("exchanges", __name__)
