"""Pages read outside the request's transaction (market/statements.py) show what is there now, to visitors and
owners alike, and are served again at once after the database has ended the app's connections (a restart)."""
import pytest
import sqlalchemy as sa

from market.extensions import db
from tests.factories import login, make_listing, make_org, make_user


def test_listing_page_shows_each_change_at_the_next_view(client):
    alice = make_user()
    listing = make_listing(alice, make_org(alice), title="Sono portable")
    url = f"/annonces/{listing.id}"
    assert "Sono portable" in client.get(url).get_data(as_text=True)
    login(client, alice)
    page = client.get(url).get_data(as_text=True)
    assert "Gérer l'annonce" in page and "Sono portable" in page  # the owner's part, with their permissions
    response = client.post(f"/annonces/{listing.id}/modifier", data={
        "kind": "offer", "category": "equipment", "title": "Sono et micros", "description": "Deux micros.",
        "commune": "Vichy", "terms": "loan", "quantity": "1", "expires_on": listing.expires_at.date().isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Sono et micros" in page and "Sono portable" not in page
    client.post("/deconnexion")
    page = client.get(url).get_data(as_text=True)
    assert "Sono et micros" in page and "Gérer l'annonce" not in page


def test_pages_are_served_after_the_database_ended_every_connection(client):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL ends connections (a restart); run with MARKET_TEST_DATABASE_URL=postgresql://…")
    alice = make_user()
    listing = make_listing(alice, make_org(alice), title="Sono portable")
    pages = ["/", "/annonces/", "/annonces/?category=equipment", f"/annonces/{listing.id}"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200 and "Sono portable" in response.get_data(as_text=True), path
    db.session.remove()  # the test's own connection goes back to the pool too
    outside = sa.create_engine(db.engine.url)
    with outside.connect() as connection:
        ended = connection.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )).scalar()
    outside.dispose()
    assert ended >= 1
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200 and "Sono portable" in response.get_data(as_text=True), path
