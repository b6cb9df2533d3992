"""What an import did: counts, rejected lines with their reason, and whether to commit."""
from dataclasses import dataclass, field


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


def run_rows(result: ImportResult, rows, validate, apply) -> ImportResult:
    """Validate every row first; write only when all are good (or the caller skips bad ones)."""
    good = []
    for row in rows:
        values, errors = validate(row.cells)
        if errors and row.extra_cells:
            errors.append(f"la ligne a {row.extra_cells} cellule(s) de plus que l'en-tête : mettez entre "
                          f"guillemets les textes qui contiennent le séparateur « {result.delimiter} »")
        for message in errors:
            result.add_error(row.line, message)
        if values is not None:
            good.append((row.line, values))
    if result.errors and not result.skip_invalid:
        return result
    for line, values in good:
        outcome, reason = apply(values)
        if outcome == "error":
            result.add_error(line, reason)
        else:
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def read_into(result: ImportResult, data: bytes, required, optional, aliases):
    """The file's table, or None with the file-level problem recorded in the result."""
    from market.imports.reader import FileProblem, read_table
    try:
        table = read_table(data, required, optional, aliases)
    except FileProblem as problem:
        result.fatal = True
        result.add_error(problem.line, problem.message)
        return None
    result.encoding, result.delimiter, result.ignored_columns = table.encoding, table.delimiter, table.ignored_columns
    return table
