"""The /api/v1 blueprint, shared by the reading views and the writing ones."""
from flask import Blueprint, current_app

from market.api import auth
from market.api.bodies import BodyRefused
from market.errors import json_error
from market.extensions import limiter

bp = Blueprint("api", __name__)
# one budget per token (or per address without one); Retry-After comes with the 429
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=auth.rate_limit_key)(bp)


@bp.errorhandler(BodyRefused)
def _refused(exc):
    response, status = json_error(exc.status, exc.message, code=exc.code, fields=exc.fields)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response, status
