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


def text_forms(world, text: str) -> list[tuple[str, str, dict, str, str]]:
    """Forms with free text, as (who, url, data, the field holding `text`, the page field id): listings,
    organisations, reports, volunteer profile, moderation decisions, saved searches' names are posted here."""
    org, other, pending = world["org"], world["other_org"], world["pending"]
    listing = {"organization": org.slug, "kind": "offer", "category": "equipment", "title": "Barnum 3 × 3 m",
               "description": "Un barnum pour vos fêtes.", "commune": "Vichy", "terms": "free"}
    organisation = {"name": org.name, "legal_form": "association", "commune": "Vichy",
                    "description": "Réemploi et insertion.", "charter": "y"}
    return [
        ("owner", "/annonces/nouvelle", {**listing, "title": text}, "title", "title"),
        ("owner", "/annonces/nouvelle", {**listing, "description": text}, "description", "description"),
        ("owner", f"/structures/{org.slug}/modifier", {**organisation, "name": text}, "name", "name"),
        ("owner", f"/structures/{org.slug}/modifier", {**organisation, "description": text}, "description",
         "description"),
        ("owner", f"/moderation/signaler/structure/{other.slug}", {"reason": "other", "text": text}, "text", "text"),
        ("volunteer", "/benevole", {"commune": "Vichy", "radius_km": "20", "skills": text}, "skills", "skills"),
        ("coordinator", f"/moderation/annonces/{pending.id}/refuser", {f"reject-{pending.id}-reason": text},
         f"reject-{pending.id}-reason", f"reject-{pending.id}-reason"),
    ]
