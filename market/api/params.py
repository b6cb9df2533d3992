"""Query-string parsing for the API: strict values, or a BadParameter naming the parameter."""
from flask_babel import gettext as _

from market.accounts.models import LEGAL_FORMS
from market.directory import queries as directory_queries
from market.listings import queries as listing_queries
from market.listings.models import CATEGORIES, KINDS, TERMS

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000  # keeps OFFSET inside the database's integer range
BOOLEANS = ("true", "false", "1", "0")

LISTING_CHOICES = {"kind": KINDS, "category": CATEGORIES, "terms": TERMS, "urgent": BOOLEANS,
                   "radius_km": tuple(str(r) for r in listing_queries.RADII_KM)}
ORGANIZATION_CHOICES = {"legal_form": LEGAL_FORMS}


class BadParameter(ValueError):
    """A query parameter the API refuses; becomes a 400 JSON answer."""

    def __init__(self, name: str, message: str, allowed=None):
        super().__init__(message)
        self.name, self.message, self.allowed = name, message, list(allowed) if allowed else None


def check_characters(args) -> None:
    """Refuse NUL bytes: PostgreSQL refuses them in any string, which would be a 500."""
    for name, value in args.items(multi=True):
        if "\x00" in value or "\x00" in name:
            name = name.replace("\x00", "")[:40]
            raise BadParameter(name, _("Le paramètre « %(name)s » contient un caractère nul.", name=name))


def _refuse_empty(name: str, allowed) -> None:
    """`kind=` is a mistake (a form field sent empty, a variable not filled): say so rather than ignore it."""
    raise BadParameter(name, _("Le paramètre « %(name)s » est vide : donnez une valeur (%(allowed)s) ou "
                               "retirez-le.", name=name, allowed=", ".join(allowed)), allowed)


def _check_choices(args, choices: dict) -> None:
    for name, allowed in choices.items():
        if name not in args:
            continue
        value = args.get(name)
        if value == "":
            _refuse_empty(name, allowed)
        if value not in allowed:
            raise BadParameter(name, _("Valeur inconnue pour le paramètre « %(name)s » : « %(value)s ». "
                                       "Valeurs possibles : %(allowed)s.",
                                       name=name, value=value[:40], allowed=", ".join(allowed)), allowed)


def _integer(args, name: str, default: int, maximum: int) -> int:
    if name not in args:
        return default
    raw = args.get(name, "").strip()  # present but empty ("page="): refused like any other non-number
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise BadParameter(name, _("Le paramètre « %(name)s » doit être un nombre entier entre 1 et %(maximum)s.",
                                   name=name, maximum=maximum))
    return int(raw)


def pagination(args) -> tuple[int, int]:
    """(page, per_page) from `page` (≥ 1) and `per_page` (1 to 100, 20 by default)."""
    return (_integer(args, "page", 1, MAX_PAGE),
            _integer(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE))


def listing_filters(args) -> dict:
    """The filters of the listings pages, after refusing unknown codes instead of ignoring them."""
    _check_choices(args, LISTING_CHOICES)
    return listing_queries.clean_filters(args)


def organization_filters(args) -> dict:
    _check_choices(args, ORGANIZATION_CHOICES)
    return directory_queries.clean_filters(args)


def sort(args) -> str | None:
    """`relevance` (default with words), `newest` (default without) or `expiring`."""
    from market.search.service import SORTS
    value = args.get("sort")
    if value is None:
        return None
    if value == "":
        _refuse_empty("sort", SORTS)
    if value not in SORTS:
        raise BadParameter("sort", _("Tri inconnu."), list(SORTS))
    return value
