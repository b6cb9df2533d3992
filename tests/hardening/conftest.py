"""Fixtures of the hardening tests: the small worlds of the security and exchange tests, and a hypothesis profile."""
import re

from hypothesis import HealthCheck, settings

from tests.exchanges.conftest import browser, people  # noqa: F401  (fixtures)
from tests.security.conftest import world  # noqa: F401  (fixture)

# modest: the suite stays fast on 2 shared cores; the fixtures' rows are shared by the examples of one test
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def field_errors(html: str) -> dict[str, list[str]]:
    """The messages shown under each field (templates/_macros/forms.html), by field id."""
    found = {}
    for field, block in re.findall(r'<ul class="field-error" id="([^"]+)-error">(.*?)</ul>', html, re.S):
        found[field] = [re.sub(r"<[^>]+>", "", item).replace("Erreur :", "").strip()
                        for item in re.findall(r"<li>(.*?)</li>", block, re.S)]
    return found


def assert_one_message_per_field(html: str) -> dict[str, list[str]]:
    errors = field_errors(html)
    for field, messages in errors.items():
        assert len(messages) == 1, (field, messages)
    return errors
