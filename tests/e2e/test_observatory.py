"""An elected official opens the observatory from the footer, picks a year, reads a chart's table, downloads the CSV."""
import re

import pytest
from playwright.sync_api import expect

from market.extensions import db
from tests.e2e.journeys import follow, go, send
from tests.factories import make_listing, make_org, make_user


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_observatory_reads_as_charts_and_tables(new_page, screen):
    from datetime import datetime, timezone
    alice = make_user("alice@example.org", "Alice")
    cinema = make_org(alice, name="Cinéma du Bourbonnais")
    for month in (3, 3, 6):
        make_listing(alice, cinema, title=f"Tables pliantes {month}").published_at = datetime(2026, month, 10, tzinfo=timezone.utc)
    db.session.commit()
    page = go(new_page(screen), "/")
    follow(page, page.get_by_role("contentinfo").get_by_role("link", name="Observatoire"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatoire du réseau")
    page.get_by_label("Du", exact=True).fill("2026-01-01")
    page.get_by_label("Au", exact=True).fill("2026-12-31")
    send(page, "Afficher")
    offers = page.get_by_role("article", name="Offres publiées")
    expect(offers.locator(".observatory-figure__total")).to_have_text("3 sur la période")
    expect(offers.get_by_role("img", name="Offres publiées par mois")).to_be_visible()
    table = offers.get_by_role("table", name="Offres publiées par mois")
    expect(table.get_by_role("row", name=re.compile(r"mars 2026\s+2"))).to_be_attached()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger ces chiffres (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        text = fh.read()
    assert "Offres et besoins;Offres publiées;count;mois;2026-03;2" in text
