"""Reading spreadsheet exports and their cells, as French spreadsheets write them."""
from datetime import date

import pytest

from market.imports import cells
from market.imports.reader import FileProblem, column_key, decode, read_table, sniff_delimiter


@pytest.mark.parametrize("name, key", [("Code postal ", "code_postal"), ("Catégorie", "categorie"),
                                       ("\ufeffNAME", "name"), ("Prix (€)", "prix"), ("legal-form", "legal_form")])
def test_column_names_ignore_case_spaces_and_accents(name, key):
    assert column_key(name) == key


@pytest.mark.parametrize("header, delimiter", [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"),
                                               ("nom;description, courte", ";"), ("seule", ";")])
def test_the_separator_is_sniffed_from_the_header_line(header, delimiter):
    assert sniff_delimiter(header + "\n1,2,3;4") == delimiter


@pytest.mark.parametrize("data, encoding", [("é;à\n".encode("utf-8-sig"), "utf-8"), ("é;à\n".encode(), "utf-8"),
                                            ("é;à\n".encode("cp1252"), "cp1252"), ("é;à\n".encode("utf-16"), "utf-16")])
def test_decoding_accepts_utf8_with_or_without_bom_windows_1252_and_utf16(data, encoding):
    assert decode(data) == ("é;à\n", encoding)


def test_undecodable_bytes_are_a_file_problem_suggesting_csv_utf8():
    with pytest.raises(FileProblem, match="CSV UTF-8"):
        decode(b"\x81\x8d\x8f\x90")  # undefined in Windows-1252 and invalid in UTF-8


def test_rows_keep_their_line_numbers_and_skip_empty_rows():
    table = read_table(b"name;other\nA;1\n;\n\n\"B\nsuite\";2\nC;3\n", ("name",))

    assert [(row.line, row.cells["name"]) for row in table.rows] == [(2, "A"), (5, "B\nsuite"), (7, "C")]
    assert table.ignored_columns == ["other"]


@pytest.mark.parametrize("text, cents", [("12,50", 1250), ("12.5", 1250), ("1 200 €", 120000), ("0", 0), ("", None),
                                         ("8 EUR", 800)])
def test_euros_are_read_as_cents(text, cents):
    assert cells.euros(text) == cents


@pytest.mark.parametrize("text", ["douze", "-3", "NaN", "1e9"])
def test_bad_prices_are_explained(text):
    with pytest.raises(cells.CellError, match="prix"):
        cells.euros(text)


def test_dates_in_iso_or_french_format():
    assert cells.day("2030-06-01", "date") == cells.day("01/06/2030", "date") == date(2030, 6, 1)
    with pytest.raises(cells.CellError, match="AAAA-MM-JJ"):
        cells.day("juin 2030", "date")


def test_leading_zeros_dropped_by_spreadsheets_are_put_back():
    assert cells.postal_code("3200") == "03200"
    assert cells.phone("470000000") == "04 70 00 00 00"
    assert cells.phone("+33 4 70 00 00 00") == "+33 4 70 00 00 00"


def test_a_files_line_count_for_its_progress_bar_counts_a_last_line_with_or_without_its_end():
    import io
    from market.imports.reader import sniff_encoding
    assert sniff_encoding(io.BytesIO(b"titre\nSono\nTente\n"))[2] == 3
    assert sniff_encoding(io.BytesIO(b"titre\r\nSono\r\nTente"))[2] == 3
