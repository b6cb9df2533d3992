"""Read a spreadsheet export: find its encoding and separator, yield rows with their line numbers.

A file is read as a stream: a first pass over its bytes finds the encoding (and counts its lines,
for a progress bar), then rows are parsed as they are asked for, so a 100,000-row file never sits
in memory whole.
"""
import codecs
import csv
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from market.forms import strip_invisible

DELIMITERS = (";", ",", "\t")
ENCODING_LABELS = {"utf-8": "UTF-8", "cp1252": "Windows-1252 (ancien Excel), converti en UTF-8",
                   "utf-16": "UTF-16 (texte Unicode), converti en UTF-8"}
SAVE_AS_UTF8 = "Dans votre tableur, choisissez « Enregistrer sous » puis le format « CSV UTF-8 »."
CHUNK = 1 << 20  # bytes read at a time by the first pass


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
    rows: Iterator[Row] | list[Row]  # a stream (open_table) or a list (read_table)
    encoding: str = "utf-8"
    delimiter: str = ";"
    ignored_columns: list[str] = field(default_factory=list)
    lines: int = 0  # physical lines in the file (a progress bar's length)


def column_key(name: str) -> str:
    """'Code postal ' -> 'code_postal', 'Catégorie' -> 'categorie', 'Prix (€)' -> 'prix'."""
    text = unicodedata.normalize("NFKD", name or "").replace("\ufeff", "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _chunks(stream):
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        yield chunk


def _decodes(stream, codec: str) -> bool | None:
    """True if the whole stream decodes with `codec`, False if it does not, None if it holds NUL."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        for chunk in _chunks(stream):
            if "\x00" in decoder.decode(chunk):
                return None
        return "\x00" not in decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False


def sniff_encoding(stream) -> tuple[str, str, int]:
    """(codec, encoding name, lines) of a binary stream: UTF-8 with or without BOM, UTF-16 with BOM,
    else Windows-1252; FileProblem when empty, a workbook or not text."""
    head = stream.read(4)
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileProblem("Ce fichier est un classeur (.xlsx, .xls ou .ods), pas un fichier CSV. " + SAVE_AS_UTF8)
    lines, blank, last = 0, True, b"\n"
    for chunk in _chunks(stream):
        lines += chunk.count(b"\n")
        blank, last = blank and not chunk.strip(), chunk[-1:] or last
    if blank:
        raise FileProblem("Le fichier est vide.")
    candidates = [("utf-16", "utf-16")] if head.startswith((b"\xff\xfe", b"\xfe\xff")) else [
        ("utf-8-sig", "utf-8"), ("cp1252", "cp1252")]
    for codec, name in candidates:
        found = _decodes(stream, codec)
        if found is None:
            break
        if found:
            return codec, name, lines + (last != b"\n")  # a last line without its end counts too
    raise FileProblem("Le fichier ne peut pas être lu comme du texte (encodage inconnu ou fichier binaire). "
                      + SAVE_AS_UTF8)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a whole file in memory (see sniff_encoding)."""
    codec, name, _lines = sniff_encoding(io.BytesIO(data or b""))
    return data.decode(codec).lstrip("\ufeff"), name


def sniff_delimiter(text: str) -> str:
    """The separator used in the header line: semicolon (French exports), comma or tab."""
    header = re.split(r"[\r\n]", text.lstrip("\r\n"), maxsplit=1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first listed, the semicolon
    return best if counts[best] else ";"


LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(stream, codec: str) -> Iterator[str]:
    """The decoded lines of a binary stream, each with its end (\n, \r\n or \r), as csv expects them."""
    stream.seek(0)
    decoder, pending = codecs.getincrementaldecoder(codec)(), ""
    while True:
        chunk = stream.read(CHUNK)
        text = pending + decoder.decode(chunk, final=not chunk)
        start = 0
        for end in LINE_END.finditer(text):
            if end.group() == "\r" and end.end() == len(text) and chunk:
                break  # perhaps the first half of \r\n: wait for the next chunk
            yield text[start:end.end()]
            start = end.end()
        pending = text[start:]
        if not chunk:
            break
    if pending:
        yield pending


def _head(lines: Iterator[str]) -> list[str]:
    """The first lines up to the first one that is not empty (to sniff the separator from it)."""
    head = []
    for line in lines:
        head.append(line.lstrip("\ufeff") if not head else line)
        if line.strip("\r\n"):
            break
    return head


def open_table(stream, required: tuple, optional: tuple = (), aliases: dict | None = None) -> Table:
    """The table of a binary stream, rows keyed by column code and read as they are iterated;
    raises FileProblem for an unreadable file or missing columns (and, while iterating, a broken row)."""
    codec, encoding, lines = sniff_encoding(stream)
    lines_of_file = _lines(stream, codec)
    head = _head(lines_of_file)
    delimiter = sniff_delimiter("".join(head))
    reader = csv.reader(itertools.chain(head, lines_of_file), delimiter=delimiter)
    aliases = aliases or {}
    known = set(required) | set(optional)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise FileProblem(f"Fichier CSV mal formé ({exc}).", line=reader.line_num or 1) from None
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
    return Table(list(positions), _rows(reader, positions, len(header)), encoding, delimiter, ignored, lines)


def _rows(reader, positions: dict, width: int) -> Iterator[Row]:
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                # NUL, bidirectional controls and zero-width characters go, as in every form (market/forms.py)
                cells = {key: (strip_invisible(record[i]).strip() if i < len(record) else "")
                         for key, i in positions.items()}
                extra = sum(1 for cell in record[width:] if cell.strip())
                yield Row(line, cells, extra)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(f"Fichier CSV mal formé ({exc}).", line=reader.line_num or 1) from None


def read_table(data: bytes, required: tuple, optional: tuple = (), aliases: dict | None = None) -> Table:
    """The whole table in memory (small files); see open_table."""
    table = open_table(io.BytesIO(data or b""), required, optional, aliases)
    table.rows = list(table.rows)
    return table


def delimiter_name(delimiter: str) -> str:
    return {";": "point-virgule", ",": "virgule", "\t": "tabulation"}[delimiter]
