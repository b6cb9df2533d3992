"""The demo data holds together: listings a member could have typed in the form, fictional contacts."""
import pytest

from market import geo
from market.accounts.models import LEGAL_FORMS
from market.demo import data
from market.listings.models import CATEGORIES, KINDS, SKILL_DOMAINS, TERMS
from market.listings.rules import price_required

CATEGORY_FIELDS = {"equipment": {"condition", "deposit_cents"},
                   "premises": {"capacity", "surface_m2", "step_free", "amenities"},
                   "skill": {"skill_domain", "remote"}, "volunteering": {"people_needed", "schedule"}}
ALL_LISTINGS = data.LISTINGS + [data.VOLUNTEER["listing"]]


@pytest.mark.parametrize("spec", ALL_LISTINGS, ids=lambda spec: spec["title"][:30])
def test_each_listing_passes_the_rules_of_the_listing_form(spec):
    assert spec["kind"] in KINDS and spec["category"] in CATEGORIES and spec.get("terms", "free") in TERMS
    assert 4 <= len(spec["title"]) <= 140 and spec["description"]
    assert not spec.get("urgent") or spec["kind"] == "need"
    assert (spec.get("price_cents") is not None) == price_required(spec.get("terms", "free"))
    other_fields = set().union(*CATEGORY_FIELDS.values()) - CATEGORY_FIELDS[spec["category"]]
    assert not other_fields & set(spec), "fields of another category"
    if spec["category"] == "skill":
        assert spec["skill_domain"] in SKILL_DOMAINS


def test_organisations_are_in_the_communes_of_the_vichy_area_with_fictional_contacts():
    communes = {geo.resolve(o["commune"]).name for o in data.ORGANIZATIONS}
    assert communes == {"Vichy", "Cusset", "Gannat", "Saint-Pourçain-sur-Sioule", "Le Donjon", "Ébreuil",
                        "Escurolles", "Bellenaves", "Broût-Vernet", "Arronnes", "Saint-Priest-Bramefant"}
    assert all(o["legal_form"] in LEGAL_FORMS for o in data.ORGANIZATIONS)
    assert all(o.get("website", "https://x.example.org").endswith(".example.org") for o in data.ORGANIZATIONS)
    assert data.COORDINATOR["email"].endswith("@example.org") and data.VOLUNTEER["email"].endswith("@example.org")
    assert len({o["name"] for o in data.ORGANIZATIONS}) == len(data.ORGANIZATIONS)
