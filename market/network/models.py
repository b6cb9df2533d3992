"""Where an organisation sits and which area it serves; the network's meetings and events."""
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.listings.models import Listing
from market.places.models import PlacePool
from market.types import UTCDateTime, utcnow

MEETING_STATUSES = ("pending", "published", "rejected", "cancelled")


class ActorPlace(db.Model):
    """An organisation's own point on the map (its address, placed by hand) and its catchment area."""
    __tablename__ = "network_actor_places"
    __table_args__ = (
        sa.CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name="lat_range"),
        sa.CheckConstraint("lon IS NULL OR (lon >= -180 AND lon <= 180)", name="lon_range"),
        sa.CheckConstraint("(lat IS NULL) = (lon IS NULL)", name="lat_lon_together"),
        sa.CheckConstraint("catchment_km IS NULL OR (catchment_km >= 1 AND catchment_km <= 200)",
                           name="catchment_km_range"),
    )

    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lon: Mapped[float | None] = mapped_column(sa.Float)
    catchment_km: Mapped[int | None] = mapped_column(sa.Integer)
    catchment_communes: Mapped[str] = mapped_column(sa.Text, default="")  # INSEE codes, space-separated
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship()

    @property
    def commune_codes(self) -> list[str]:
        return self.catchment_communes.split()


class Meeting(db.Model):
    """A date of the network's agenda: a monthly breakfast, a workshop, a forum, a member's public event."""
    __tablename__ = "network_meetings"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 1", name="capacity_positive"),
        sa.CheckConstraint(f"status IN {MEETING_STATUSES}", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(140))
    format: Mapped[str] = mapped_column(sa.String(30))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue: Mapped[str] = mapped_column(sa.String(200), default="")  # room and address, as people say it
    commune_code: Mapped[str] = mapped_column(sa.String(5))
    host_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="SET NULL"))
    room_id: Mapped[int | None] = mapped_column(sa.ForeignKey("listings.id", ondelete="SET NULL"))
    organiser_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    organiser_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="SET NULL"))
    capacity: Mapped[int | None] = mapped_column(sa.Integer)  # None: no registration
    pool_id: Mapped[int | None] = mapped_column(sa.ForeignKey("place_pools.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
    moderation_note: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[str] = mapped_column(sa.Text, default="")  # compte rendu, added afterwards
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    host_org: Mapped[Organization | None] = relationship(foreign_keys=[host_org_id])
    organiser_org: Mapped[Organization | None] = relationship(foreign_keys=[organiser_org_id])
    organiser: Mapped[User | None] = relationship()
    room: Mapped[Listing | None] = relationship()
    pool: Mapped[PlacePool | None] = relationship()

    @property
    def commune(self):
        from market.geo import get
        return get(self.commune_code)

    @property
    def is_public(self) -> bool:
        return self.status in ("published", "cancelled")

    @property
    def url(self) -> str:
        return url_for("network.meeting", meeting_id=self.id)

    @property
    def uid(self) -> str:
        """Its iCalendar UID (before '@host'): the same from one reading of the feed to the next."""
        return f"network-meeting-{self.id}"

    @property
    def organiser_name(self) -> str:
        if self.organiser_org is not None:
            return self.organiser_org.name
        return self.organiser.display_name if self.organiser else ""
