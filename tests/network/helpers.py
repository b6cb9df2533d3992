"""Network test data, built through the network's services as the pages do."""
from datetime import datetime, timedelta

from market.extensions import db
from market.network import rules, services
from market.network.models import Meeting

VICHY, ARRONNES, ESCUROLLES = "03310", "03008", "03109"
UNPLACED = "15035"  # Chalinargues (Cantal), restored in 2025: in no packaged source of coordinates yet


def next_month_evening(days=20, hour=18, minute=30):
    """A weekday evening about `days` ahead, Paris wall-clock time, as (start, end) aware datetimes."""
    day = (datetime.now(rules.PARIS) + timedelta(days=days)).date()
    start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=rules.PARIS)
    return start, start + timedelta(hours=1, minutes=30)


def meeting_values(**overrides):
    start, end = next_month_evening()
    values = {"title": "Petit déjeuner : mutualiser nos locaux", "format": "breakfast", "starts_at": start,
              "ends_at": end, "commune_code": VICHY, "venue": "Salle du cinéma, 2 rue du Parc",
              "description": "Tour de table, puis les salles que chacun peut prêter.", "capacity": None,
              "host_org_id": None, "room_id": None}
    values.update(overrides)
    return values


def make_meeting(actor, organization=None, host=None, **overrides) -> Meeting:
    if host is not None:
        overrides.setdefault("host_org_id", host.id)
    meeting = services.post_meeting(actor, organization, meeting_values(**overrides))
    db.session.commit()
    return meeting
