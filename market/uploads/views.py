"""Serving stored uploads: only keys we made, as pictures, never sniffed into something else."""
from flask import Blueprint, abort, current_app

from market.uploads.storage import KEY, storage

bp = Blueprint("uploads", __name__)


@bp.get("/fichiers/<path:key>")
def serve(key):
    if not KEY.match(key):
        abort(404)
    data = storage().read(key)
    if data is None:
        abort(404)
    response = current_app.response_class(data, mimetype="image/jpeg")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
