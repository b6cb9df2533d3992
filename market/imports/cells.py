"""Pure parsers for spreadsheet cells; each raises CellError with a French reason."""
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from market import geo
from market.accounts.rules import clean_digits, fold

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
DOMAIN = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(:[0-9]+)?([/?#]\S*)?$", re.IGNORECASE)
TRUE_WORDS = {"1", "oui", "o", "x", "vrai", "true", "yes", "y"}
FALSE_WORDS = {"", "0", "non", "n", "faux", "false", "no"}


class CellError(ValueError):
    pass


def text(value: str, what: str, max_length: int, required: bool = False) -> str:
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    if required and not value:
        raise CellError(f"champ « {what} » vide")
    if len(value) > max_length:
        raise CellError(f"texte trop long dans « {what} » ({len(value)} caractères, {max_length} au plus)")
    return value


def code(value: str, what: str, codes: dict[str, str], default: str | None = None, expected: str = "") -> str:
    """A code from a label: `codes` maps folded labels ('pret', 'location'...) to codes."""
    key = " ".join(fold(value).replace("-", " ").replace("_", " ").split())
    expected = expected or ", ".join(dict.fromkeys(codes.values()))
    if not key and default is not None:
        return default
    if not key:
        raise CellError(f"champ « {what} » vide (attendu : {expected})")
    found = codes.get(key) or codes.get(key.rstrip("s"))
    if found is None:
        raise CellError(f"{what} : valeur « {value} » non reconnue (attendu : {expected})")
    return found


def postal_code(value: str) -> str:
    """'03200'; '3200' (leading zero dropped by a spreadsheet) becomes '03200'."""
    value = value.replace(" ", "")
    if re.fullmatch(r"[0-9]{4}", value):
        value = "0" + value
    if value and not re.fullmatch(r"[0-9]{5}", value):
        raise CellError(f"code postal invalide « {value} » (5 chiffres attendus)")
    return value


def commune(name: str, postal: str) -> geo.Commune:
    """The commune meant by a name and a postal code together ('Vichy' + '03200')."""
    postal = postal_code(postal)
    label = f"« {name} » ({postal})" if name and postal else f"« {name or postal} »"
    if not (name or postal):
        raise CellError("commune manquante")
    try:
        found = geo.resolve(f"{name} {postal}".strip())
    except geo.AmbiguousCommune as exc:
        names = ", ".join(c.label for c in exc.candidates[:5])
        raise CellError(f"plusieurs communes correspondent à {label} : précisez ({names})") from None
    if found is None and name and postal:
        try:
            alone = geo.resolve(name)
        except geo.AmbiguousCommune:
            alone = None
        if alone is not None:
            raise CellError(f"le code postal {postal} ne correspond pas à {alone.name} ({alone.postal_code})")
    if found is None:
        raise CellError(f"commune inconnue {label}")
    return found


def euros(value: str) -> int | None:
    """'12,50', '12.5', '1 200 €' -> cents; '' -> None."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]|eur(os?)?$", "", value.lower()).replace(",", ".")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"prix invalide « {value} » (écrivez par exemple 12,50)") from None
    if not amount.is_finite() or amount < 0 or amount > 1_000_000:
        raise CellError(f"prix hors limites « {value} » (entre 0 et 1 000 000 €)")
    return int((amount * 100).quantize(Decimal("1")))


def integer(value: str, what: str, minimum: int, maximum: int, default: int | None = None) -> int | None:
    value = value.replace(" ", "").replace("\u00a0", "")
    if not value:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise CellError(f"{what} invalide « {value} » (nombre entier attendu)")
    number = int(value)
    if not minimum <= number <= maximum:
        raise CellError(f"{what} hors limites ({number} ; entre {minimum} et {maximum})")
    return number


def day(value: str, what: str) -> date | None:
    """ISO 'YYYY-MM-DD', or 'DD/MM/YYYY' as French spreadsheets rewrite dates."""
    if not value:
        return None
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", value)
    french = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if french:
            return date(int(french[3]), int(french[2]), int(french[1]))
    except ValueError:
        pass
    raise CellError(f"{what} invalide « {value} » (format AAAA-MM-JJ attendu, par exemple 2025-06-21)")


def boolean(value: str, what: str) -> bool:
    key = fold(value)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise CellError(f"{what} : valeur « {value} » non comprise (0 ou 1 attendu)")


def email(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("mailto:"):
        value = value[len("mailto:"):]
    if value and (len(value) > 254 or not EMAIL.match(value)):
        raise CellError(f"adresse e-mail invalide « {value} »")
    return value


def website(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if len(value) > 300 or not DOMAIN.match(value):
        raise CellError(f"site web invalide « {value} »")
    return value if value.lower().startswith(("http://", "https://")) else "https://" + value


def phone(value: str) -> str:
    """French numbers as '04 70 12 34 56'; a leading zero dropped by a spreadsheet is put back."""
    value = value.strip()
    digits = clean_digits(value).replace("(0)", "")
    if not value:
        return ""
    if not re.fullmatch(r"\+?[0-9]{6,15}", digits):
        raise CellError(f"téléphone invalide « {value} »")
    if re.fullmatch(r"[1-9][0-9]{8}", digits):
        digits = "0" + digits
    if re.fullmatch(r"0[0-9]{9}", digits):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    return value[:30]
