"""`flask market import organizations`: what a coordinator sees when importing the network's list."""
from market.accounts.models import Organization
from market.extensions import db
from tests.factories import CUSSET, VICHY
from tests.imports.helpers import ORG_HEADER, SIRET_A, SIRET_B, SIRET_C, broken

SAINT_POURCAIN, LE_DONJON = "03254", "03103"


def organizations():
    return db.session.scalars(db.select(Organization).order_by(Organization.name)).all()


FRENCH_FILE = (
    "\ufeffNom;Forme juridique;Commune;Code Postal;Courriel;Site web;Téléphone;Description;Secteurs;SIRET;RNA\n"
    f"Ciné-Grillon;association;Le Donjon;3130;contact@cine.example.org;cine.example.org;470000000;"
    f"Cinéma de village, séances l'été;\"culture; cinéma\";;W999000001\n"
    f"La Fabrique à Trocs;Coopérative;Saint-Pourçain-sur-Sioule;03500;;;;;réemploi;{SIRET_A};\n"
    f"Mutuelle du Hérisson;mutuelle;Vichy;03200;;;;;;{SIRET_B};\n"
)


def test_french_semicolon_file_with_bom_and_accents_is_imported_verified_without_members(run_import):
    result = run_import("organizations", FRENCH_FILE)

    assert result.exit_code == 0, result.output
    assert "3 créée(s)" in result.output
    assert "séparateur point-virgule" in result.output
    cine, fabrique, mutuelle = organizations()
    assert (cine.name, cine.legal_form, cine.commune_code, cine.postal_code) == ("Ciné-Grillon", "association", LE_DONJON, "03130")
    assert cine.sector_list == ["culture", "cinéma"] and cine.rna == "W999000001"
    assert cine.website == "https://cine.example.org" and cine.phone == "04 70 00 00 00"
    assert (fabrique.legal_form, fabrique.commune_code, fabrique.siret) == ("cooperative", SAINT_POURCAIN, SIRET_A)
    assert mutuelle.legal_form == "mutual"
    assert all(o.status == "verified" and o.memberships == [] for o in organizations())


def test_a_bad_row_is_reported_with_its_line_number_and_nothing_is_imported(run_import):
    content = (f"{ORG_HEADER}\n"
               f"Bonne;association;Vichy;03200;;;;;;{SIRET_A};\n"
               f"Mauvaise;association;Vichy;03200;;;;;;{broken(SIRET_B)};\n"
               f"Autre mauvaise;club;Cusset;03300;pas-une-adresse;;;;;;W12\n")

    result = run_import("organizations", content)

    assert result.exit_code != 0
    assert "ligne 3 : SIRET invalide (clé de contrôle)" in result.output
    assert "ligne 4 : forme juridique inconnue « club »" in result.output
    assert "ligne 4 : adresse e-mail invalide" in result.output and "ligne 4 : RNA invalide" in result.output
    assert "Rien n'a été importé" in result.output and "--skip-invalid" in result.output
    assert organizations() == []


def test_skip_invalid_imports_the_good_rows_and_still_lists_the_bad_ones(run_import):
    content = (f"{ORG_HEADER}\n"
               f"Bonne;association;Vichy;03200;;;;;;{SIRET_A};\n"
               f"Mauvaise;association;Vichy;03200;;;;;;{broken(SIRET_B)};\n"
               f"Sans commune;association;;;;;;;;;\n")

    result = run_import("organizations", content, "--skip-invalid")

    assert result.exit_code == 0
    assert "ligne 3 : SIRET invalide (clé de contrôle)" in result.output
    assert "ligne 4 : commune manquante" in result.output
    assert "1 créée(s)" in result.output and "2 ligne(s) rejetée(s)" in result.output
    assert [o.name for o in organizations()] == ["Bonne"]


def test_reimporting_creates_no_duplicates_and_updates_changed_values(run_import):
    first = (f"{ORG_HEADER}\n"
             f"Ciné-Grillon;association;Le Donjon;03130;;;;;;{SIRET_A};\n"
             f"Les Liseurs à Points;association;Vichy;03200;;;;;;;W999000002\n"
             f"Potagers de la Grenouillère;association;Cusset;03300;;;;;;;\n")
    assert run_import("organizations", first).exit_code == 0

    again = run_import("organizations", first)
    assert "0 créée(s), 0 mise(s) à jour, 3 déjà à jour" in again.output

    changed = (f"{ORG_HEADER}\n"
               f"Ciné Grillon du Donjon;association;Le Donjon;03130;;;;;;{SIRET_A};\n"  # same SIRET, renamed
               f"Les Liseurs à Points;association;Vichy;03200;braille@example.org;;;;;;W999000002\n"
               f"POTAGERS DE LA GRENOUILLÈRE;association;Cusset;03300;;;;;maraîchage;;\n")  # same name, other case
    result = run_import("organizations", changed)

    assert "0 créée(s), 3 mise(s) à jour" in result.output, result.output
    assert len(organizations()) == 3
    by_commune = {o.commune_code: o for o in organizations()}
    assert by_commune[LE_DONJON].name == "Ciné Grillon du Donjon"
    assert by_commune[VICHY].email == "braille@example.org"
    assert by_commune[CUSSET].sectors == "maraîchage"


def test_a_siret_already_used_by_another_organisation_is_refused(run_import):
    run_import("organizations", f"{ORG_HEADER}\nA;association;Vichy;03200;;;;;;{SIRET_A};W999000003\n"
                                f"B;association;Vichy;03200;;;;;;{SIRET_B};\n")
    result = run_import("organizations", f"{ORG_HEADER}\nB;association;Vichy;03200;;;;;;{SIRET_B};W999000003\n")

    assert result.exit_code != 0
    assert "ligne 2 : ce RNA est déjà celui de « A »" in result.output


def test_a_comma_separated_file_with_english_headers_in_any_case_is_imported(run_import):
    content = ("NAME , Legal_Form,COMMUNE,postal code,Extra column\n"
               f"\"Jardin, insertion\",other,Cusset,03300,ignored\n"
               f"Cyclo des Pignons,Association,\"Broût-Vernet\",03110,\n")

    result = run_import("organizations", content)

    assert result.exit_code == 0, result.output
    assert "séparateur virgule" in result.output and "Colonnes ignorées : Extra column" in result.output
    assert {o.name for o in organizations()} == {"Jardin, insertion", "Cyclo des Pignons"}


def test_missing_required_columns_are_all_reported_at_once(run_import):
    result = run_import("organizations", "nom;email\nCiné;a@example.org\n")

    assert result.exit_code != 0
    assert "Colonnes obligatoires manquantes : legal_form, commune (colonnes lues : nom, email" in result.output
    assert organizations() == []


def test_a_latin1_file_from_an_old_excel_is_decoded_and_says_so(run_import):
    content = f"{ORG_HEADER}\nThéâtre du Hérisson Bavard;coopérative;Ébreuil;03450;;;;Spectacles à Ébreuil;;;\n"

    result = run_import("organizations", content.encode("cp1252"))

    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.output
    org = organizations()[0]
    assert (org.name, org.legal_form, org.description) == ("Théâtre du Hérisson Bavard", "cooperative", "Spectacles à Ébreuil")


def test_a_spreadsheet_instead_of_a_csv_gets_a_clear_message(run_import):
    result = run_import("organizations", b"PK\x03\x04" + bytes(200))

    assert result.exit_code != 0
    assert "CSV UTF-8" in result.output and "Traceback" not in result.output


def test_commune_and_postal_code_must_agree(run_import):
    result = run_import("organizations", f"{ORG_HEADER}\nA;association;Vichy;03300;;;;;;;\n"
                                         f"B;association;Vichyy;03200;;;;;;;\n")

    assert "ligne 2 : le code postal 03300 ne correspond pas à Vichy (03200)" in result.output
    assert "ligne 3 : commune inconnue « Vichyy » (03200)" in result.output


def test_line_numbers_count_lines_of_multiline_cells_and_blank_lines(run_import):
    content = (f"{ORG_HEADER}\n"
               "A;association;Vichy;03200;;;;\"Une description\nsur deux lignes\";;;\n"
               "\n"
               f"B;association;Vichy;03200;;;;;;{broken(SIRET_C)};\n")

    result = run_import("organizations", content)

    assert "ligne 5 : SIRET invalide (clé de contrôle)" in result.output
