"""The OpenAPI registry: each feature registers its operations, schemas and parameters; the document walks it."""
import copy

_PATHS: dict[str, dict] = {}
_SCHEMAS: dict[str, dict] = {}
_PARAMETERS: dict[str, dict] = {}


def register(paths: dict | None = None, schemas: dict | None = None, parameters: dict | None = None) -> None:
    """Add (or replace, by path and method: an app built twice registers once) operations and components.

    `paths` is {"/listings": {"get": {...}, "post": {...}}}, relative to /api/v1. An operation that changes
    something (any method but GET) is documented as needing a token with the write scope."""
    for path, operations in (paths or {}).items():
        _PATHS.setdefault(path, {}).update(operations)
    _SCHEMAS.update(schemas or {})
    _PARAMETERS.update(parameters or {})


def contents() -> tuple[dict, dict, dict]:
    """Copies of (paths, schemas, parameters), so that building the document never changes the registry."""
    return copy.deepcopy(_PATHS), copy.deepcopy(_SCHEMAS), copy.deepcopy(_PARAMETERS)
