"""What an import did: counts, rejected lines with their reason, and whether to commit."""
import io
from dataclasses import dataclass, field

from market.imports.reader import FileProblem, open_table

PROGRESS_EVERY = 500  # rows between two reports to a progress bar


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[tuple[int | None, str]] = field(default_factory=list)  # (line in the file, reason)
    skip_invalid: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    ignored_columns: list[str] = field(default_factory=list)
    fatal: bool = False  # the import could not start (unreadable file, missing columns, no author)

    def add_error(self, line: int | None, message: str) -> None:
        self.errors.append((line, message))

    @property
    def should_commit(self) -> bool:
        """Nothing is kept when a row is bad, unless the caller asked to import the good rows."""
        return not self.fatal and (not self.errors or self.skip_invalid)

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({line for line, _ in self.errors if line is not None})

    def messages(self) -> list[str]:
        """'ligne 4 : SIRET invalide (clé de contrôle)', in file order; file-level problems first."""
        ordered = sorted(self.errors, key=lambda e: (e[0] is not None, e[0] or 0))
        return [f"ligne {line} : {message}" if line is not None else message for line, message in ordered]


def run_rows(result: ImportResult, table, validate, apply, progress=None) -> ImportResult:
    """Validate each row and write the good ones as they come, in one pass over the file.

    Once a row is bad, nothing more is written (unless the caller skips bad rows) and the rows
    already written are the caller's to roll back: nothing is kept when a row is bad. Every row
    is still read, so every bad line is reported. `progress(line, lines)` is told every so often.
    """
    writing = True
    try:
        for n, row in enumerate(table.rows, 1):
            values, errors = validate(row.cells)
            if errors and row.extra_cells:
                errors.append(f"la ligne a {row.extra_cells} cellule(s) de plus que l'en-tête : mettez entre "
                              f"guillemets les textes qui contiennent le séparateur « {result.delimiter} »")
            for message in errors:
                result.add_error(row.line, message)
            writing = writing and (not result.errors or result.skip_invalid)
            if values is not None and writing:
                outcome, reason = apply(values)
                if outcome == "error":
                    result.add_error(row.line, reason)
                else:
                    setattr(result, outcome, getattr(result, outcome) + 1)
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(row.line, table.lines)
    except FileProblem as problem:  # a broken row: the file cannot be read, as if it had failed at once
        result.errors, result.fatal = [(problem.line, problem.message)], True
    if not result.should_commit:
        result.created = result.updated = result.skipped = 0  # what was written is rolled back
    if progress is not None:
        progress(table.lines, table.lines)
    return result


def read_into(result: ImportResult, source, required, optional, aliases):
    """The file's table (`source`: bytes or a binary file, read as a stream), or None with the
    file-level problem recorded in the result."""
    try:
        table = open_table(io.BytesIO(source) if isinstance(source, bytes) else source, required, optional, aliases)
    except FileProblem as problem:
        result.fatal = True
        result.add_error(problem.line, problem.message)
        return None
    result.encoding, result.delimiter, result.ignored_columns = table.encoding, table.delimiter, table.ignored_columns
    return table
