"""What every writing endpoint shares: one commit, refusals as the one JSON error shape, idempotent creations."""
from functools import wraps

from flask import current_app, jsonify
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from market import gates
from market.api import idempotency
from market.api.auth import api_token
from market.api.bodies import BodyRefused
from market.errors import json_error
from market.exchanges.base import ExchangeRefused, FieldsRefused
from market.extensions import db


class Conflict(Exception):
    """The object is not in a state that allows this action (409)."""

    def __init__(self, message: str, code: str = "conflict"):
        super().__init__(message)
        self.message, self.code = message, code


def created(body: dict, location: str):
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = location
    return response


def _refusal(exc):
    db.session.rollback()
    if isinstance(exc, BodyRefused):
        return json_error(exc.status, exc.message, code=exc.code, fields=exc.fields)
    if isinstance(exc, Conflict):
        return json_error(409, exc.message, code=exc.code)
    if isinstance(exc, FieldsRefused):
        return json_error(422, " ".join(exc.reasons), code="refused", fields=dict(exc.by_field))
    if isinstance(exc, ExchangeRefused):
        return json_error(409, " ".join(exc.reasons), code="refused")
    if isinstance(exc, gates.Reserved):  # the coordination reserves this action to members whose fee is paid
        return json_error(403, exc.message, code=exc.code)
    return json_error(403, _("Votre compte ne permet pas cette action."), code="forbidden")


def write(view=None, *, idempotent=False):
    """Run the view (which flushes), commit once; `idempotent`: honour Idempotency-Key (creations)."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            try:
                key = idempotency.key_of_request() if idempotent else None
                digest = idempotency.fingerprint() if key else None
                if key:
                    stored = idempotency.find(api_token(), key)
                    if stored is not None:
                        response = idempotency.replay(stored, digest)
                        db.session.commit()
                        return response
                response = current_app.make_response(view(*args, **kwargs))
                if key and response.status_code < 300:
                    idempotency.remember(api_token(), key, digest, response)
                db.session.commit()
                return response
            except (BodyRefused, Conflict, ExchangeRefused, PermissionError) as exc:
                return _refusal(exc)
            except IntegrityError:
                db.session.rollback()
                if key:  # the same key sent twice at once: the first one won, answer as it did
                    stored = idempotency.find(api_token(), key)
                    if stored is not None:
                        try:
                            return idempotency.replay(stored, digest)
                        except BodyRefused as exc:
                            return _refusal(exc)
                return json_error(409, _("Une requête simultanée a changé les données : réessayez."),
                                  code="conflict")
        return wrapper
    return decorate(view) if view is not None else decorate
