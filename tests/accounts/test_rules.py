"""SIRET (Luhn), RNA and legal-form names as people type them."""
import pytest

from market.accounts import rules


@pytest.mark.parametrize("siret,valid", [
    ("73282932000074", True),      # a well-formed SIRET with a valid Luhn key
    ("73282932000075", False),     # last digit changed
    ("35600000000010", True),      # La Poste: digit sum multiple of 5, Luhn not used
    ("1234567890123", False),      # 13 digits
    ("7328293200007A", False),
    ("", False),
])
def test_siret_checksum(siret, valid):
    assert rules.siret_is_valid(siret) is valid


def test_siret_typed_with_spaces_is_cleaned():
    assert rules.clean_digits("732 829 320 00074") == "73282932000074"


@pytest.mark.parametrize("rna,valid", [("W031234567", True), ("W03123456", False), ("X031234567", False)])
def test_rna(rna, valid):
    assert rules.rna_is_valid(rna) is valid


@pytest.mark.parametrize("text,code", [
    ("association", "association"), ("Coopérative", "cooperative"), ("SCOP", "cooperative"),
    ("mutuelle", "mutual"), ("Fondation", "foundation"), ("collectivité", "public_body"),
    ("entreprise sociale", "social_enterprise"), ("n'importe quoi", None),
])
def test_legal_forms_in_french(text, code):
    assert rules.legal_form_code(text) == code


def test_slug_is_ascii_and_readable():
    assert rules.slugify("Cinéma « Le Bourbonnais » d'Ébreuil") == "cinema-le-bourbonnais-d-ebreuil"
