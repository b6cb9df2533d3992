"""The audit log: every decision, who took it, when and why; filters, pages and CSV."""
import csv
import io
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from market.extensions import db
from market.moderation import services
from market.moderation.models import AuditEntry
from tests.factories import make_coordinator, make_listing, make_user
from tests.moderation.helpers import text


def _decisions(coordinator, member, newcomer, pending_org, verified_org, readers):
    """One decision of each kind, by two coordinators."""
    second = make_coordinator("dominique@example.org")
    second.display_name = "Dominique Animation"
    first = make_listing(newcomer, pending_org, title="Tondeuse à prêter")
    services.approve_listing(coordinator, first)
    services.reject_listing(coordinator, make_listing(newcomer, pending_org, title="Vente de voiture"), "Hors ESS")
    services.request_changes(second, make_listing(newcomer, pending_org, title="Salle"), "Précisez la capacité.")
    services.verify_organization(second, pending_org)
    services.suspend_organization(coordinator, verified_org, "Charte non respectée")
    services.reinstate_organization(coordinator, verified_org)
    services.suspend_user(second, readers[0], "Spam")
    services.reinstate_user(second, readers[0])
    for reader in readers[1:4]:
        services.report_listing(reader, first, "duplicate", "")
    services.decide_reports(coordinator, first, uphold=False, note="")
    db.session.commit()
    return second


def _rows(page: str) -> str:
    return page.partition("<tbody>")[2].partition("</tbody>")[0]


def test_every_decision_is_logged_newest_first(client, as_user, coordinator, member, newcomer, pending_org,
                                               verified_org, readers):
    _decisions(coordinator, member, newcomer, pending_org, verified_org, readers)
    actions = list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["listing_approved", "listing_rejected", "listing_changes_requested", "organization_verified",
                       "organization_suspended", "organization_reinstated", "user_suspended", "user_reinstated",
                       "listing_hidden", "reports_dismissed"]
    as_user(coordinator)
    page = text(client.get("/moderation/journal/"))
    assert page.count("<h1") == 1
    assert 'role="region"' in page and "table-wrap" in page
    for label in ("Annonce approuvée", "Annonce refusée", "Modifications demandées", "Structure vérifiée",
                  "Structure suspendue", "Structure rétablie", "Compte suspendu", "Compte rétabli",
                  "Annonce masquée après signalements", "Signalements écartés"):
        assert label in page
    assert "Charte non respectée" in page and "Dominique Animation" in page and "Automatique" in page
    rows = _rows(page)
    assert rows.index("Signalements écartés") < rows.index("Annonce approuvée")  # newest first


def test_filters_by_action_actor_target_type_and_dates(client, as_user, coordinator, member, newcomer, pending_org,
                                                       verified_org, readers):
    second = _decisions(coordinator, member, newcomer, pending_org, verified_org, readers)
    as_user(coordinator)
    rows = _rows
    page = rows(text(client.get("/moderation/journal/?action=listing_rejected")))
    assert "Vente de voiture" in page and "Tondeuse" not in page

    page = rows(text(client.get(f"/moderation/journal/?actor={second.id}")))
    assert "Modifications demandées" in page and "Structure vérifiée" in page and "Compte suspendu" in page
    assert "Annonce refusée" not in page

    page = rows(text(client.get("/moderation/journal/?actor=system")))
    assert "Annonce masquée après signalements" in page and "Annonce refusée" not in page

    page = rows(text(client.get("/moderation/journal/?target_type=organization")))
    assert "Structure suspendue" in page and "Annonce refusée" not in page and "Compte suspendu" not in page

    old = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "listing_rejected"))
    old.created_at = datetime(2024, 3, 15, 10, 0, tzinfo=timezone.utc)
    db.session.commit()
    page = rows(text(client.get("/moderation/journal/?start=2024-03-01&end=2024-03-31")))
    assert "Annonce refusée" in page and "Annonce approuvée" not in page
    today = datetime.now(timezone.utc).date()
    page = rows(text(client.get(f"/moderation/journal/?start={(today - timedelta(days=1)).isoformat()}")))
    assert "Annonce approuvée" in page and "Annonce refusée" not in page

    page = text(client.get("/moderation/journal/?start=2024-03-31&end=2024-03-01"))
    assert "La date de fin doit suivre la date de début." in page
    assert client.get("/moderation/journal/?action=nimportequoi&actor=abc&start=pas-une-date").status_code == 200


def test_pages_and_csv_export(app, client, as_user, coordinator, member, newcomer, pending_org, verified_org, readers):
    _decisions(coordinator, member, newcomer, pending_org, verified_org, readers)
    as_user(coordinator)
    app.config["PER_PAGE"] = 4
    try:
        first = text(client.get("/moderation/journal/"))
        third = text(client.get("/moderation/journal/?page=3"))
    finally:
        app.config["PER_PAGE"] = 20
    assert "10 résultats" in first and "page 1 sur 3" in first
    assert "Signalements écartés" in _rows(first) and "Annonce approuvée" not in _rows(first)
    assert "Annonce approuvée" in _rows(third)

    response = client.get("/moderation/journal.csv?target_type=user")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["date", "action", "decision"]
    assert [r[1] for r in rows[1:]] == ["user_reinstated", "user_suspended"]
    assert rows[2][-1] == "Spam"


def test_csv_cells_cannot_be_formulas(client, as_user, coordinator, member, published_listing, readers):
    services.report_listing(readers[0], published_listing, "other", "=HYPERLINK(\"http://x\")")
    services.decide_reports(coordinator, published_listing, uphold=True, note="=1+1")
    db.session.commit()
    as_user(coordinator)
    body = client.get("/moderation/journal.csv").get_data(as_text=True)
    assert "'=1+1" in body and ";=1+1" not in body


def test_actor_choices_are_coordinators(client, as_user, coordinator, member):
    make_user("eve@example.org", "Ève Simple")
    as_user(coordinator)
    page = text(client.get("/moderation/journal/"))
    actor_select = page.partition('id="actor"')[2].partition("</select>")[0]
    assert "Camille Coordination" in actor_select and "Ève Simple" not in actor_select
