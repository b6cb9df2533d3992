"""JSON endpoints (placeholder until the API lands): communes for the picker."""
from flask import Blueprint, jsonify, request

from market import geo

bp = Blueprint("api", __name__)


@bp.get("/communes")
def communes():
    items = geo.search(request.args.get("q", ""), limit=10)
    return jsonify({"items": [{"code": c.code, "label": c.label} for c in items]})
