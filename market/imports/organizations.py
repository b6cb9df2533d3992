"""Import member organisations from a CSV file: validate each row, then create or update."""
import re

from market import geo
from market.accounts.models import LEGAL_FORMS, Organization
from market.accounts.rules import clean_digits, legal_form_code, normalise_rna, rna_is_valid, siret_is_valid
from market.accounts.services import create_organization
from market.extensions import db
from market.imports import cells
from market.imports.result import ImportResult, read_into, run_rows
from market.signals import organization_changed
from market.types import join_labels

REQUIRED = ("name", "legal_form", "commune")
OPTIONAL = ("postal_code", "email", "website", "phone", "description", "sectors", "siret", "rna")
ALIASES = {"nom": "name", "raison_sociale": "name", "structure": "name", "forme_juridique": "legal_form",
           "statut_juridique": "legal_form", "ville": "commune", "code_postal": "postal_code", "cp": "postal_code",
           "courriel": "email", "e_mail": "email", "mail": "email", "site": "website", "site_web": "website",
           "site_internet": "website", "telephone": "phone", "tel": "phone", "secteurs": "sectors",
           "secteurs_d_activite": "sectors"}
LEGAL_FORM_NAMES = "association, coopérative, mutuelle, fondation, entreprise sociale, organisme public, collectif, autre"


def validate_row(row: dict[str, str]) -> tuple[dict | None, list[str]]:
    """Cells of one row -> (values for create_organization, []) or (None, [reasons in French])."""
    values, errors = {}, []

    def check(key, parse):
        try:
            values[key] = parse()
        except cells.CellError as exc:
            errors.append(str(exc))

    get = lambda key: row.get(key, "")  # noqa: E731
    check("name", lambda: cells.text(get("name"), "nom", 140, required=True))
    check("legal_form", lambda: _legal_form(get("legal_form")))
    check("commune_code", lambda: cells.commune(get("commune"), get("postal_code")).code)
    check("email", lambda: cells.email(get("email")))
    check("website", lambda: cells.website(get("website")))
    check("phone", lambda: cells.phone(get("phone")))
    check("description", lambda: cells.text(get("description"), "description", 5000))
    check("sectors", lambda: cells.text(join_labels(get("sectors").split(";")), "secteurs", 1000))
    check("siret", lambda: _siret(get("siret")))
    check("rna", lambda: _rna(get("rna")))
    if errors:
        return None, errors
    commune, postal = geo.get(values["commune_code"]), cells.postal_code(get("postal_code"))
    values["postal_code"] = postal if postal in commune.postal_codes else commune.postal_code
    return values, []


def _legal_form(text: str) -> str:
    if not text.strip():
        raise cells.CellError(f"forme juridique manquante ({LEGAL_FORM_NAMES})")
    found = legal_form_code(text)
    if found not in LEGAL_FORMS:
        raise cells.CellError(f"forme juridique inconnue « {text} » (attendu : {LEGAL_FORM_NAMES})")
    return found


def _siret(text: str) -> str | None:
    if "e+" in text.lower():
        raise cells.CellError("SIRET illisible (écrit en notation scientifique par le tableur : "
                              "mettez la colonne au format Texte)")
    siret = clean_digits(text)
    if not siret:
        return None
    if not re.fullmatch(r"[0-9]{14}", siret):
        raise cells.CellError(f"SIRET invalide (14 chiffres attendus, « {text} »)")
    if not siret_is_valid(siret):
        raise cells.CellError("SIRET invalide (clé de contrôle)")
    return siret


def _rna(text: str) -> str | None:
    rna = normalise_rna(text)
    if not rna:
        return None
    if not rna_is_valid(rna):
        raise cells.CellError(f"RNA invalide « {text} » (W suivi de 9 chiffres attendu)")
    return rna


def find_existing(values: dict) -> Organization | None:
    """Same SIRET, else same RNA, else same name (normalised) in the same commune."""
    for key in ("siret", "rna"):
        if values.get(key):
            found = db.session.scalar(db.select(Organization).where(getattr(Organization, key) == values[key]))
            if found is not None:
                return found
    name = geo.normalise(values["name"])
    for org in db.session.scalars(db.select(Organization).where(Organization.commune_code == values["commune_code"])):
        conflicting = any(values.get(k) and getattr(org, k) and getattr(org, k) != values[k] for k in ("siret", "rna"))
        if geo.normalise(org.name) == name and not conflicting:
            return org
    return None


def _id_taken(values: dict, org: Organization) -> str | None:
    for key, label in (("siret", "SIRET"), ("rna", "RNA")):
        if values.get(key):
            other = db.session.scalar(db.select(Organization).where(
                getattr(Organization, key) == values[key], Organization.id != org.id))
            if other is not None:
                return f"ce {label} est déjà celui de « {other.name} »"
    return None


def apply_row(values: dict) -> tuple[str, str | None]:
    """Create or update one organisation: ('created'|'updated'|'skipped'|'error', reason)."""
    existing = find_existing(values)
    if existing is None:
        create_organization(None, values, status="verified")
        return "created", None
    problem = _id_taken(values, existing)
    if problem:
        return "error", problem
    changes = {k: v for k, v in values.items() if v not in (None, "") and getattr(existing, k) != v}
    if not changes:
        return "skipped", None
    for key, value in changes.items():
        setattr(existing, key, value)
    db.session.flush()
    organization_changed.send(existing)
    return "updated", None


def import_organizations(source, skip_invalid: bool = False, progress=None) -> ImportResult:
    """Validate each row and create or update as the file is read (`source`: bytes or a binary file);
    never commits: when a row is bad (without skip_invalid), the caller rolls back what was written."""
    result = ImportResult(skip_invalid=skip_invalid)
    table = read_into(result, source, REQUIRED, OPTIONAL, ALIASES)
    return result if table is None else run_rows(result, table, validate_row, apply_row, progress)
