"""The home page leads to the network's services beyond listings, only to those that exist."""
from market.main.services import NETWORK_SERVICES


def test_the_home_page_links_every_installed_service_and_no_missing_one(app, client):
    page = client.get("/").get_data(as_text=True)
    assert "Le réseau, c'est aussi" in page
    with app.test_request_context():
        from flask import url_for
        for endpoint, name, _purpose in NETWORK_SERVICES:
            if endpoint in app.view_functions:
                assert f'href="{url_for(endpoint)}">{name}</a>' in page
            else:
                assert f">{name}</a>" not in page
    assert 'href="/ressourcerie/">Ressourcerie</a>' in page and 'href="/observatoire">Observatoire</a>' in page
