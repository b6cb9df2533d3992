"""The membership through the API: each structure of the token's holder, where it stands and what it owes (read)."""
from flask import jsonify, url_for

from market.accounts.models import CHARTER_VERSION
from market.api.auth import api_token, require_user
from market.api.blueprint import bp
from market.api.registry import register
from market.api.serializers import iso_datetime
from market.membership import permissions, queries, rules


def _year(view: queries.YearView | None) -> dict | None:
    if view is None:
        return None
    return {"year": view.year, "status": view.status, "status_label": str(rules.STATUSES[view.status]),
            "size": view.size, "fee_cents": view.due, "paid_cents": view.paid, "owed_cents": view.owed,
            "paid_up_at": iso_datetime(view.adhesion.paid_up_at) if view.adhesion and view.adhesion.paid_up_at else None}


def _membership(organization, day) -> dict:
    standing = queries.standing(organization, day)
    return {"organization": organization.slug, "name": organization.name, "member": standing.has_rights,
            "current": _year(standing.current), "renewal": _year(standing.renewal),
            "renew_before": rules.grace_end((standing.renewal or standing.current).year).isoformat(),
            "charter": {"version": organization.charter_version,
                        "signed_at": iso_datetime(organization.charter_accepted_at)
                        if organization.charter_accepted_at else None,
                        "current_version": CHARTER_VERSION},
            "url": url_for("membership.organization", slug=organization.slug, _external=True)}


@bp.get("/my/memberships")
def my_memberships():
    """The membership of each structure the token may act for (one, for a token tied to a structure)."""
    user = require_user()
    token = api_token()
    organizations = [token.organization] if token is not None and token.organization is not None \
        else user.organizations
    day = queries.today()
    return jsonify({"items": [_membership(o, day) for o in organizations if permissions.can_see(user, o)]})


NULLABLE_INT, NULLABLE_STRING = {"type": ["integer", "null"]}, {"type": ["string", "null"]}
YEAR = {"type": "object", "additionalProperties": False,
        "required": ["year", "status", "status_label", "size", "fee_cents", "paid_cents", "owed_cents", "paid_up_at"],
        "properties": {"year": {"type": "integer"}, "status": {"type": "string", "enum": list(rules.STATUSES)},
                       "status_label": {"type": "string"},
                       "size": {"type": ["string", "null"], "enum": [*rules.SIZES, None]},
                       "fee_cents": NULLABLE_INT, "paid_cents": {"type": "integer"}, "owed_cents": NULLABLE_INT,
                       "paid_up_at": {"type": ["string", "null"], "format": "date-time"}}}
MEMBERSHIP = {
    "type": "object", "additionalProperties": False,
    "required": ["organization", "name", "member", "current", "renewal", "renew_before", "charter", "url"],
    "description": "L'adhésion d'une structure : cette année (current), l'année à renouveler quand c'est une autre "
                   "(renewal, à partir de décembre), si elle a aujourd'hui les droits d'une adhérente (member), la "
                   "charte signée. Montants en centimes ; status : paid_up (à jour), pending (en attente), "
                   "expired (expirée), none (non adhérente).",
    "properties": {"organization": {"type": "string"}, "name": {"type": "string"}, "member": {"type": "boolean"},
                   "current": {"$ref": "#/components/schemas/MembershipYear"},
                   "renewal": {"oneOf": [{"$ref": "#/components/schemas/MembershipYear"}, {"type": "null"}]},
                   "renew_before": {"type": "string", "format": "date"},
                   "charter": {"type": "object", "additionalProperties": False,
                               "required": ["version", "signed_at", "current_version"],
                               "properties": {"version": NULLABLE_STRING, "current_version": {"type": "string"},
                                              "signed_at": {"type": ["string", "null"], "format": "date-time"}}},
                   "url": {"type": "string", "format": "uri"}}}
register(
    paths={"/my/memberships": {"get": {
        "operationId": "getMyMemberships", "summary": "L'adhésion de vos structures : statut, cotisation, reste dû.",
        "security": [{"bearerAuth": []}], "parameters": [],
        "responses": {"200": {"description": "Succès.", "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": False, "required": ["items"],
            "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Membership"}}}}}}}}}}},
    schemas={"MembershipYear": YEAR, "Membership": MEMBERSHIP})
