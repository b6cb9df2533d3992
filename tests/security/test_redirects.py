"""Open redirects: every `next` the site follows stays on the site, whatever a link carries."""
import pathlib
import re
from urllib.parse import quote, urlsplit

import pytest

from tests.factories import PASSWORD
from tests.security.helpers import call, sign_in

OUTSIDE = ["https://evil.example/", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
           "/\t/evil.example", "/%09/evil.example", " //evil.example", "http:evil.example", "https:/evil.example",
           "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
           "\u3002evil.example", "/\\/evil.example", "@evil.example", "evil.example"]


def lands_outside(location: str) -> bool:
    """Where a browser would go: it drops tabs and newlines and reads a backslash as a slash."""
    browser = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()
    parts = urlsplit(browser)
    return bool(parts.scheme or parts.netloc) or not browser.startswith("/") or browser.startswith("//")


def _check(response, target):
    assert response.status_code in (302, 303), (target, response.status_code)
    location = response.headers["Location"]
    assert not lands_outside(location), (target, location)


@pytest.mark.parametrize("target", OUTSIDE)
def test_login_next_stays_on_the_site(client, world, target):
    response = call(client, "POST", f"/connexion?next={quote(target)}", {"email": "owner@example.org", "password": PASSWORD})
    _check(response, target)
    _check(call(client, "GET", f"/connexion?next={quote(target)}"), target)  # already logged in


@pytest.mark.parametrize("target", OUTSIDE)
def test_language_switch_next_stays_on_the_site(client, target):
    _check(call(client, "POST", "/langue", {"lang": "en", "next": target}), target)


@pytest.mark.parametrize("target", OUTSIDE)
def test_moderation_decision_next_stays_on_the_site(client, world, target):
    sign_in(client, world["coordinator"])
    _check(call(client, "POST", f"/moderation/annonces/{world['pending'].id}/approuver", {"next": target}), target)


@pytest.mark.parametrize("target", OUTSIDE)
def test_dismissing_a_match_next_stays_on_the_site(client, world, target):
    sign_in(client, world["owner"])
    url = f"/correspondances/{world['published'].id}/ecarter/{world['theirs'].id}"
    _check(call(client, "POST", url, {"next": target}), target)


@pytest.mark.parametrize("target", OUTSIDE)
def test_closing_after_an_exchange_next_stays_on_the_site(client, world, target):
    sign_in(client, world["owner"])
    _check(call(client, "POST", f"/echanges/annonce/{world['published'].id}/cloturer", {"next": target}), target)


def test_local_next_is_followed(client, world):
    """The control: a path of the site is honoured, so the refusals above are not a redirect that ignores next."""
    response = call(client, "POST", "/connexion?next=/annonces/%3Fq%3Dsono", {"email": "owner@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/annonces/?q=sono"
    assert call(client, "POST", "/langue", {"lang": "fr", "next": "/annuaire/"}).headers["Location"] == "/annuaire/"


def test_every_next_goes_through_the_shared_check():
    """A view that reads `next` must call market.redirects.safe_next: a home-made check is how
    backslash and tab tricks get through."""
    offenders = []
    for path in pathlib.Path("market").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\.get\(\s*["']next["']""", line) and "safe_next(" not in line:
                offenders.append(f"{path}:{number}: {line.strip()}")
    assert offenders == []
