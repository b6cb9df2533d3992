"""Every page of the feature has exactly one <h1> and links people can follow from the header."""
import pytest

from market.notifications.tokens import make_token
from tests.factories import login, make_coordinator


@pytest.mark.parametrize("path", ["/notifications", "/notifications/preferences", "/correspondances", "/recherches",
                                  "/lettre/apercu?period=weekly"])
def test_pages_have_one_title(client, path):
    login(client, make_coordinator())
    page = client.get(path).get_data(as_text=True)
    assert page.count("<h1") == 1, path


def test_unsubscribe_page_has_one_title(client):
    user = make_coordinator()
    assert client.get(f"/desabonnement/{make_token(user.id, 'notices')}").get_data(as_text=True).count("<h1") == 1
