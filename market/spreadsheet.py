"""CSV files for spreadsheets: cells that cannot run as formulas, semicolons, a BOM for Excel."""
import csv
import io

from flask import Response


def cell(value) -> str:
    """A spreadsheet cell that cannot run as a formula (a leading = + - @ would be read as one)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def euros(cents) -> str:
    """12345 -> "123,45": an amount a French spreadsheet reads as a number."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"


def csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([cell(v) for v in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return "\ufeff" + out.getvalue()


def csv_response(filename: str, header, rows) -> Response:
    return Response(csv_text(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})
