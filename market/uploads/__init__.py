"""Uploaded files for every feature: type read from the bytes, size limit, images re-encoded (EXIF gone), stored."""
import os

from flask import current_app, request


def accepts_uploads(view):
    """Mark a view whose form carries files: its requests may be up to UPLOAD_REQUEST_MAX_BYTES (each file
    is then checked against UPLOAD_MAX_BYTES, with a message next to the field and the rest of the form kept)."""
    view.accepts_uploads = True
    return view


def _raise_limit_for_uploads():
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "accepts_uploads", False):
        request.max_content_length = current_app.config["UPLOAD_REQUEST_MAX_BYTES"]


def init_app(app):
    """Defaults (folder under instance/, limits) and the per-view request limit, set before CSRF reads the form."""
    app.config["UPLOADS_DIR"] = app.config.get("UPLOADS_DIR") or os.path.join(app.instance_path, "uploads")
    app.config.setdefault("UPLOAD_MAX_BYTES", 8 * 1024 * 1024)
    app.config.setdefault("UPLOAD_REQUEST_MAX_BYTES", 60 * 1024 * 1024)
    app.before_request_funcs.setdefault(None, []).insert(0, _raise_limit_for_uploads)
