""""Mon espace" shows the panels features register, only when they have something for the person."""
import pytest
from jinja2 import ChoiceLoader, DictLoader

from market import panels
from tests.factories import login, make_user


@pytest.fixture
def panel_template(app):
    original = app.jinja_env.loader
    app.jinja_env.loader = ChoiceLoader([DictLoader(
        {"_test_panel.html": '<h2 id="{{ panel_id }}">Lots à retirer</h2><p>{{ p.count }} lot(s) pour {{ p.name }}</p>'}),
        original])
    app.jinja_env.cache.clear()
    yield "_test_panel.html"
    app.jinja_env.loader = original
    app.jinja_env.cache.clear()
    panels._PANELS.pop("test-pickups", None)


def test_a_registered_panel_appears_with_its_context_and_an_empty_one_does_not(client, panel_template):
    alice = make_user()
    make_user("bob@example.org", "Bob Durand")
    panels.register_panel("test-pickups", panel_template,
                          lambda user: {"count": 2, "name": user.display_name} if user.email.startswith("alice") else None)
    login(client, alice)
    page = client.get("/mon-espace").get_data(as_text=True)
    assert 'aria-labelledby="panel-test-pickups"' in page
    assert "2 lot(s) pour Alice Martin" in page

    other = client.application.test_client()
    login(other, "bob@example.org")
    assert "Lots à retirer" not in other.get("/mon-espace").get_data(as_text=True)


def test_panels_are_ordered_and_registering_twice_replaces():
    calls = []
    try:
        panels.register_panel("test-b", "b.html", lambda u: {}, order=20)
        panels.register_panel("test-a", "a.html", lambda u: calls.append(u) or {}, order=10)
        panels.register_panel("test-a", "a2.html", lambda u: {}, order=10)
        names = [(p.name, p.template) for p, _ in panels.panels_for(make_user()) if p.name.startswith("test-")]
        assert names == [("test-a", "a2.html"), ("test-b", "b.html")]
        assert calls == []
    finally:
        panels._PANELS.pop("test-a", None)
        panels._PANELS.pop("test-b", None)
