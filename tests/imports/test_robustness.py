"""Whatever file a coordinator uploads, the importer answers with a report, never a traceback."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from market.extensions import db
from market.imports.listings import import_listings
from market.imports.organizations import import_organizations
from market.imports.result import ImportResult
from tests.factories import make_coordinator, make_org
from tests.imports.helpers import LISTING_HEADER, ORG_HEADER, SIRET_A

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PLAUSIBLE = ["", "association", "Coopérative", "Vichy", "03200", "3200", "Cusset", "offre", "besoin", "matériel",
             "locaux", "location", "vente", "12,50", "-1", "1e999", "2030-02-30", "01/06/2030", "1", "oui",
             "Ciné-Grillon", "W999000004", SIRET_A, "x" * 300, '"', "\r", "\n", "é", "\u00a0", "\U0001f600"]
cell = st.one_of(st.sampled_from(PLAUSIBLE), st.text(max_size=20))


GOOD = {"name": "Ciné-Grillon", "organization": "Ciné-Grillon", "legal_form": "association", "commune": "Vichy",
        "postal_code": "03200", "kind": "offre", "category": "matériel", "title": "Sono portable",
        "description": "Une sono.", "terms": "location", "price_eur": "12,50", "siret": SIRET_A, "urgent": "0"}


@st.composite
def csv_files(draw):
    """Text that looks like a CSV export: a real header, rows of good, plausible or random cells."""
    header = draw(st.sampled_from([ORG_HEADER, LISTING_HEADER])).split(";")
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    rows = [[GOOD.get(name, "") if draw(st.integers(0, 5)) else draw(cell) for name in header]  # mostly good
            for _ in range(draw(st.integers(0, 4)))]
    text = "\n".join(delimiter.join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@pytest.fixture
def network():
    make_coordinator()
    make_org(name="Ciné-Grillon")


def _check(result):
    assert isinstance(result, ImportResult)
    assert all(isinstance(m, str) and m for m in result.messages())
    db.session.rollback()


@SETTINGS
@given(data=st.one_of(st.binary(max_size=400), csv_files()))
def test_any_bytes_give_a_report_for_organizations(data):
    _check(import_organizations(data, skip_invalid=True))


@pytest.mark.usefixtures("network")
@SETTINGS
@given(data=st.one_of(st.binary(max_size=400), csv_files()))
def test_any_bytes_give_a_report_for_listings(data):
    _check(import_listings(data, skip_invalid=True))


@SETTINGS
@given(prefix=st.sampled_from([ORG_HEADER.encode(), b"\xef\xbb\xbf" + ORG_HEADER.encode()]), tail=st.binary(max_size=200))
def test_a_good_header_followed_by_garbage_gives_a_report(prefix, tail):
    _check(import_organizations(prefix + b"\n" + tail))


def test_binary_garbage_through_the_command_is_a_message_not_a_traceback(runner, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 4)

    result = runner.invoke(args=["market", "import", "organizations", str(path)])

    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "CSV UTF-8" in result.output
