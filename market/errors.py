"""Error pages: HTML for people, JSON for the API, never a bare stack trace."""
from flask import g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from market.extensions import db, login_manager

MESSAGES = {
    400: _l("Requête invalide."),
    401: _l("Authentification requise."),
    403: _l("Accès refusé."),
    404: _l("Page introuvable."),
    405: _l("Méthode non autorisée."),
    409: _l("Cette action n'est pas possible dans l'état actuel."),
    413: _l("Envoi trop volumineux."),
    415: _l("Envoyez le corps de la requête en JSON (Content-Type: application/json)."),
    422: _l("Certaines valeurs sont refusées : voyez chaque champ."),
    429: _l("Trop de tentatives : réessayez dans quelques minutes."),
    500: _l("Erreur interne : l'équipe a été prévenue."),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


# The stable, machine-readable part of an API error (the message is for people, and translated).
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 422: "validation_failed",
         429: "rate_limited", 500: "internal_error"}


def json_error(status: int, message: str | None = None, code: str | None = None, fields: dict | None = None,
               **extra):
    """The one shape of every API error: {"error": {"code", "message", "fields", "status", ...}}."""
    body = {"error": {"code": code or CODES.get(status, "error"), "status": status,
                      "message": str(message or MESSAGES.get(status) or _("Erreur.")),
                      "fields": {name: str(text) for name, text in (fields or {}).items()}}}
    body["error"].update(extra)
    return jsonify(body), status


def _page_context(app, status: int) -> dict:
    """What the 413 page says: the limit, and the way back to the form (the same address, read with GET)."""
    if status != 413:
        return {}
    limit = app.config.get("MAX_CONTENT_LENGTH") or 0
    return {"limit_mb": max(limit // (1024 * 1024), 1), "back_url": request.path if request.method == "POST" else None}


def register(app):
    @app.errorhandler(HTTPException)
    def _http_error(exc):
        status = exc.code or 500
        if wants_json():
            response, _status = json_error(status, MESSAGES[status] if status in MESSAGES else exc.description)
        else:
            template = f"errors/{status}.html" if status in (400, 403, 404, 405, 413, 429) else "errors/400.html"
            response = app.make_response(render_template(template, error=exc, **_page_context(app, status)))
        for name, value in exc.get_headers():  # e.g. Allow on 405, Retry-After on 429
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(exc):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        if wants_json():
            return json_error(500)
        try:
            # render as anonymous: loading the user may be what failed (database down)
            g._login_user = login_manager.anonymous_user()
            return render_template("errors/500.html", error=InternalServerError()), 500
        except Exception:  # the error page itself must never fail
            return str(MESSAGES[500]), 500
