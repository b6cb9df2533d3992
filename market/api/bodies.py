"""Request bodies of the writing API: JSON only, checked against the published schema, then fed to the pages' forms."""
from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jsonschema import Draft202012Validator, FormatChecker
from werkzeug.datastructures import MultiDict

TYPE_NAMES = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "true ou false",
              "array": "liste", "object": "objet", "null": "null"}


class BodyRefused(Exception):
    """A body the API refuses before any service runs: an HTTP status, a code, a message, faulty fields."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def _type_names(expected) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return ", ".join(str(TYPE_NAMES.get(n, n)) for n in names)


def _message(error) -> str:
    kind, value = error.validator, error.validator_value
    if kind == "type":
        return _("Type de valeur attendu : %(type)s.", type=_type_names(value))
    if kind == "enum":
        return _("Valeur inconnue. Valeurs possibles : %(allowed)s.",
                 allowed=", ".join("null" if v is None else str(v) for v in value))
    if kind == "maxLength":
        return _("Trop long : %(num)d caractères au plus.", num=value)
    if kind == "minLength":
        return _("Trop court : au moins %(num)d caractères.", num=value)
    if kind in ("minimum", "maximum"):
        return _("Nombre hors des limites (%(bound)s %(value)s).", bound="≥" if kind == "minimum" else "≤", value=value)
    if kind == "format" and value == "date":
        return _("Date attendue au format AAAA-MM-JJ.")
    if kind == "format" and value == "date-time":
        return _("Date et heure attendues au format ISO 8601 (2026-12-24T18:00:00+01:00).")
    if kind in ("maxItems", "minItems"):
        return _("Nombre d'éléments de la liste refusé.")
    return _("Valeur refusée.")


def _fields(errors) -> dict:
    fields = {}
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        path = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            for name in error.validator_value:
                if isinstance(error.instance, dict) and name not in error.instance:
                    fields.setdefault(".".join(filter(None, (path, name))), _("Ce champ est obligatoire."))
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            for name in error.instance:
                if name not in known:
                    fields.setdefault(".".join(filter(None, (path, str(name)))), _("Champ inconnu."))
        else:
            fields.setdefault(path or "body", _message(error))
    return fields


def json_body(schema: dict) -> dict:
    """The JSON object sent, or BodyRefused: 415 not JSON, 400 unreadable, 422 not as the schema says."""
    if request.mimetype != "application/json":
        raise BodyRefused(415, "unsupported_media_type",
                          _("Envoyez le corps de la requête en JSON (Content-Type: application/json)."))
    data = request.get_json(silent=True)
    if data is None and request.get_data(cache=True).strip() not in (b"null",):
        raise BodyRefused(400, "malformed_json", _("Le corps de la requête n'est pas du JSON lisible."))
    if not isinstance(data, dict):
        raise BodyRefused(422, "validation_failed", _("Le corps doit être un objet JSON."),
                          {"body": _("Type de valeur attendu : %(type)s.", type=_("objet"))})
    fields = _fields(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(data))
    if fields:
        raise BodyRefused(422, "validation_failed", _("Certaines valeurs sont refusées : voyez chaque champ."), fields)
    return data


def optional_body(schema: dict) -> dict:
    """For actions that need nothing: no body at all, or a JSON object as the schema says."""
    if not request.get_data(cache=True).strip():
        return {}
    return json_body(schema)


def formdata(values: dict) -> MultiDict:
    """JSON values as a submitted form holds them: text, "y" for true, one entry per list item."""
    data = MultiDict()
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item is None or item is False:
                continue
            data.add(name, "y" if item is True else str(item))
    return data


def form_from(form_class, values: dict, **kwargs):
    """The page's own form, without CSRF (the token is the credential), filled from the JSON values."""
    return form_class(formdata=formdata(values), meta={"csrf": False}, **kwargs)


def form_errors(form) -> dict:
    """{field: its first message}, as the page shows them beside each field."""
    fields = {}
    for name, errors in form.errors.items():
        if errors:
            first = errors[0] if isinstance(errors, list) else next(iter(errors.values()))[0]
            fields[name] = str(first)
    return fields


def refuse_form(form) -> BodyRefused:
    return BodyRefused(422, "validation_failed", _("Certaines valeurs sont refusées : voyez chaque champ."),
                       form_errors(form))
