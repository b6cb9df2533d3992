"""Pure checks on organisations: SIRET Luhn checksum, RNA number, legal form names, slugs."""
import re
import unicodedata

from market.accounts.models import LEGAL_FORMS

LEGAL_FORM_ALIASES = {
    "association": "association", "asso": "association", "association loi 1901": "association",
    "cooperative": "cooperative", "scop": "cooperative", "scic": "cooperative", "cae": "cooperative",
    "mutual": "mutual", "mutuelle": "mutual",
    "foundation": "foundation", "fondation": "foundation",
    "social_enterprise": "social_enterprise", "social enterprise": "social_enterprise",
    "entreprise sociale": "social_enterprise", "esus": "social_enterprise",
    "public_body": "public_body", "public body": "public_body", "collectivite": "public_body",
    "organisme public": "public_body", "intercommunalite": "public_body", "commune": "public_body",
    "collective": "collective", "collectif": "collective",
    "other": "other", "autre": "other",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def clean_digits(text: str) -> str:
    return re.sub(r"[\s.\-]", "", text or "")


def siret_is_valid(siret: str) -> bool:
    """14 digits with a valid Luhn checksum (La Poste's SIRETs, 356000000xxxxx, sum to a multiple of 5)."""
    if not re.fullmatch(r"\d{14}", siret or ""):
        return False
    if siret.startswith("356000000"):
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for index, char in enumerate(reversed(siret)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def rna_is_valid(rna: str) -> bool:
    return bool(re.fullmatch(r"W\d{9}", rna or ""))


def normalise_rna(text: str) -> str:
    return clean_digits(text).upper()


def legal_form_code(text: str) -> str | None:
    """'Coopérative', 'SCOP', 'mutuelle', 'association' ... -> a code of LEGAL_FORMS, else None."""
    key = " ".join(fold(text).replace("-", " ").split())
    if key in LEGAL_FORMS:
        return key
    return LEGAL_FORM_ALIASES.get(key)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:120] or "structure"
