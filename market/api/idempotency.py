"""Idempotency-Key on creations: the same key and body within 24 hours replay the first answer, never a second record."""
import hashlib
import json
import random
import re
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request
from flask_babel import gettext as _

from market.api.bodies import BodyRefused
from market.api.models import IdempotentRequest
from market.extensions import db
from market.types import utcnow

WINDOW = timedelta(hours=24)
HEADER = "Idempotency-Key"
KEY = re.compile(r"[!-~]{1,255}")  # visible ASCII, no spaces (a UUID, "offre-2026-12-02-1"...)


def key_of_request() -> str | None:
    """The key sent, None without one; 1 to 255 visible ASCII characters or a 400."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not KEY.fullmatch(key):
        raise BodyRefused(400, "invalid_idempotency_key",
                          _("L'en-tête Idempotency-Key doit faire de 1 à 255 caractères ASCII visibles, sans espace."))
    return key


def fingerprint() -> str:
    """The method, the path and the JSON body (keys sorted), hashed: "the same request"."""
    try:
        body = json.dumps(request.get_json(silent=True), sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        body = request.get_data(as_text=True)
    text = "\n".join((request.method, request.path, body))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def find(token, key: str) -> IdempotentRequest | None:
    """The stored answer for this key of this token, if younger than 24 hours (an older one is forgotten)."""
    stored = db.session.scalar(sa.select(IdempotentRequest).where(IdempotentRequest.token_id == token.id,
                                                                  IdempotentRequest.key == key))
    if stored is not None and stored.created_at <= utcnow() - WINDOW:
        db.session.delete(stored)
        db.session.flush()
        return None
    return stored


def replay(stored: IdempotentRequest, digest: str):
    """The first answer again, or a 422 when the key came with another request."""
    if stored.request_hash != digest:
        raise BodyRefused(422, "idempotency_key_reused",
                          _("Cette clé Idempotency-Key a déjà servi pour une autre requête : "
                            "utilisez une nouvelle clé pour une nouvelle création."))
    response = current_app.response_class(stored.response_body, status=stored.status_code,
                                          mimetype="application/json")
    if stored.location:
        response.headers["Location"] = stored.location
    response.headers["Idempotent-Replayed"] = "true"
    return response


def remember(token, key: str, digest: str, response) -> None:
    """Keep this answer with the record it created, in the same transaction (flushed, not committed)."""
    db.session.add(IdempotentRequest(token_id=token.id, user_id=token.user_id, key=key, method=request.method,
                                     path=request.path[:500], request_hash=digest, status_code=response.status_code,
                                     response_body=response.get_data(as_text=True),
                                     location=response.headers.get("Location", "")[:500], created_at=utcnow()))
    if random.random() < 0.01:  # now and then, forget the answers of more than a day ago
        forget_old()
    db.session.flush()


def forget_old(now=None) -> int:
    """Drop answers older than 24 hours (run now and then; `find` ignores them anyway)."""
    result = db.session.execute(sa.delete(IdempotentRequest).where(IdempotentRequest.created_at
                                                                   <= (now or utcnow()) - WINDOW))
    return result.rowcount or 0
