"""Read a spreadsheet export: decode the bytes, sniff the separator, yield rows with their line numbers."""
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from market.forms import strip_invisible

DELIMITERS = (";", ",", "\t")
ENCODING_LABELS = {"utf-8": "UTF-8", "cp1252": "Windows-1252 (ancien Excel), converti en UTF-8",
                   "utf-16": "UTF-16 (texte Unicode), converti en UTF-8"}
SAVE_AS_UTF8 = "Dans votre tableur, choisissez « Enregistrer sous » puis le format « CSV UTF-8 »."


class FileProblem(ValueError):
    """The whole file cannot be read; the message is for the person who sent it."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass
class Row:
    line: int  # line number of the row's first line in the file (the header is line 1)
    cells: dict[str, str]
    extra_cells: int = 0  # non-empty cells beyond the header: often an unquoted separator in a text


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]
    encoding: str = "utf-8"
    delimiter: str = ";"
    ignored_columns: list[str] = field(default_factory=list)


def column_key(name: str) -> str:
    """'Code postal ' -> 'code_postal', 'Catégorie' -> 'categorie', 'Prix (€)' -> 'prix'."""
    text = unicodedata.normalize("NFKD", name or "").replace("\ufeff", "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252."""
    if not data or not data.strip():
        raise FileProblem("Le fichier est vide.")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileProblem("Ce fichier est un classeur (.xlsx, .xls ou .ods), pas un fichier CSV. " + SAVE_AS_UTF8)
    candidates = [("utf-16", "utf-16")] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else [
        ("utf-8-sig", "utf-8"), ("cp1252", "cp1252")]
    for codec, name in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text.lstrip("\ufeff"), name
    raise FileProblem("Le fichier ne peut pas être lu comme du texte (encodage inconnu ou fichier binaire). "
                      + SAVE_AS_UTF8)


def sniff_delimiter(text: str) -> str:
    """The separator used in the header line: semicolon (French exports), comma or tab."""
    header = re.split(r"[\r\n]", text.lstrip("\r\n"), maxsplit=1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first listed, the semicolon
    return best if counts[best] else ";"


def read_table(data: bytes, required: tuple, optional: tuple = (), aliases: dict | None = None) -> Table:
    """Rows keyed by column code; raises FileProblem for an unreadable file or missing columns."""
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    aliases = aliases or {}
    known = set(required) | set(optional)
    try:
        header = next(reader, [])
        positions, ignored = {}, []
        for index, name in enumerate(header):
            key = column_key(name)
            key = aliases.get(key, key)
            if key in known and key not in positions:
                positions[key] = index
            elif name.strip():
                ignored.append(name.strip())
        missing = [c for c in required if c not in positions]
        if missing:
            found = ", ".join(name.strip() for name in header[:12] if name.strip()) or "aucune"
            raise FileProblem("Colonnes obligatoires manquantes : " + ", ".join(missing)
                              + f" (colonnes lues : {found} ; séparateur : {delimiter_name(delimiter)}).", line=1)
        rows, line = [], reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                # NUL, bidirectional controls and zero-width characters go, as in every form (market/forms.py)
                cells = {key: (strip_invisible(record[i]).strip() if i < len(record) else "")
                         for key, i in positions.items()}
                extra = sum(1 for cell in record[len(header):] if cell.strip())
                rows.append(Row(line, cells, extra))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(f"Fichier CSV mal formé ({exc}).", line=reader.line_num or 1) from None
    return Table(list(positions), rows, encoding, delimiter, ignored)


def delimiter_name(delimiter: str) -> str:
    return {";": "point-virgule", ",": "virgule", "\t": "tabulation"}[delimiter]
