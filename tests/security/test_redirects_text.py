"""Any text in `next` (CR/LF, controls, unicode, huge): a redirect on the site after the action, never a 500."""
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from market.redirects import safe_next
from tests.factories import PASSWORD
from tests.security.helpers import call, sign_in
from tests.security.test_redirects import lands_outside

NASTY = st.one_of(
    st.text(max_size=80),
    st.builds(lambda a, b: f"/{a}\r\n{b}", st.text(max_size=20), st.text(max_size=20)),
    st.sampled_from(["/\r\nSet-Cookie: x=1", "/annuaire/\n", "/%0d%0aLocation:evil", "/" + "a" * 5000,
                     "/[", "//[::1", "/\x7f", "/\u2028x", "/ok\x01"]),
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _redirected_on_site(response):
    assert response.status_code in (302, 303), response.status_code
    assert not lands_outside(response.headers["Location"])


@SETTINGS
@given(target=NASTY)
def test_safe_next_answers_a_local_path_without_controls(target):
    path = safe_next(target, "/default")
    assert path.startswith("/") and not path.startswith("//")
    assert not any(ord(c) < 32 or ord(c) == 127 for c in path)


@SETTINGS
@given(target=NASTY)
def test_login_with_any_next_logs_in_and_redirects_on_the_site(client, world, target):
    fresh = client.application.test_client()
    response = call(fresh, "POST", f"/connexion?next={quote(target.replace(chr(0), ''), safe='')}",
                    {"email": "owner@example.org", "password": PASSWORD})
    _redirected_on_site(response)
    assert fresh.get("/mon-espace").status_code == 200  # the login was done, whatever next held


@SETTINGS
@given(target=NASTY)
def test_language_switch_with_any_next(client, target):
    response = call(client, "POST", "/langue", {"lang": "en", "next": target.replace("\x00", "")})
    _redirected_on_site(response)


@SETTINGS
@given(target=NASTY)
def test_dismissing_a_match_with_any_next(client, world, target):
    sign_in(client, world["owner"])
    url = f"/correspondances/{world['published'].id}/ecarter/{world['theirs'].id}"
    _redirected_on_site(call(client, "POST", url, {"next": target.replace("\x00", "")}))
