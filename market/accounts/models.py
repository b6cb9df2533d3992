"""People, organisations and memberships."""
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from market.extensions import db
from market.types import UTCDateTime, split_labels, utcnow

LEGAL_FORMS = ("association", "cooperative", "mutual", "foundation", "social_enterprise",
               "public_body", "collective", "other")
ORG_STATUSES = ("pending", "verified", "suspended")
USER_STATUSES = ("active", "suspended", "unconfirmed")  # unconfirmed: signed up, address not yet confirmed
AVAILABILITY = ("weekday", "evening", "weekend")
# The charter's version (templates/main/charter.html): raise it when the text changes in substance; each
# structure keeps the version it signed and when.
CHARTER_VERSION = "1"
# Written out, not bound: the partial index below serves only a query carrying its very predicate.
NOT_ACTIVE = "status <> 'active'"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    # the few accounts whose listings are hidden, read by every public listings query (PostgreSQL's
    # search reads them once per statement: a scan of every account without it, 1.5 ms at 20,000)
    __table_args__ = (sa.Index("ix_users_not_active", "id", postgresql_where=sa.text(NOT_ACTIVE),
                               sqlite_where=sa.text(NOT_ACTIVE)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    display_name: Mapped[str] = mapped_column(sa.String(120))
    locale: Mapped[str] = mapped_column(sa.String(5), default="fr")
    is_coordinator: Mapped[bool] = mapped_column(default=False)
    is_volunteer: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(sa.String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Part of the id kept in session and remember cookies: raising it ends every session of the account.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    memberships: Mapped[list["Membership"]] = relationship(back_populates="user", cascade="all, delete-orphan")
    volunteer_profile: Mapped["VolunteerProfile | None"] = relationship(back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        from flask import current_app
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: the id and the session version."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """Every session and remember cookie issued so far stops working at its next request."""
        self.session_version = (self.session_version or 1) + 1

    @property
    def is_active(self) -> bool:  # Flask-Login refuses suspended users
        return self.status == "active"

    @property
    def organizations(self) -> list["Organization"]:
        return [m.organization for m in self.memberships]

    def membership_in(self, organization) -> "Membership | None":
        return next((m for m in self.memberships if m.organization_id == organization.id), None)

    def __repr__(self):
        return f"<User {self.email}>"


class VolunteerProfile(db.Model):
    __tablename__ = "volunteer_profiles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    commune_code: Mapped[str] = mapped_column(sa.String(5))
    radius_km: Mapped[int] = mapped_column(default=20)
    skills: Mapped[str] = mapped_column(sa.Text, default="")
    availability: Mapped[str] = mapped_column(sa.String(60), default="")  # "weekday;evening"
    # Seen by the network's associations in the volunteer pool (they can invite to a shift): the person's choice.
    visible_in_pool: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    user: Mapped[User] = relationship(back_populates="volunteer_profile")

    @property
    def skill_list(self) -> list[str]:
        return split_labels(self.skills)

    @property
    def availability_list(self) -> list[str]:
        return [a for a in split_labels(self.availability) if a in AVAILABILITY]


class Organization(db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(140), unique=True)
    name: Mapped[str] = mapped_column(sa.String(140))
    legal_form: Mapped[str] = mapped_column(sa.String(30))
    sectors: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    commune_code: Mapped[str] = mapped_column(sa.String(5), index=True)
    postal_code: Mapped[str] = mapped_column(sa.String(5), default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(30), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    siret: Mapped[str | None] = mapped_column(sa.String(14), unique=True)
    rna: Mapped[str | None] = mapped_column(sa.String(10), unique=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
    charter_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    charter_version: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(back_populates="organization", cascade="all, delete-orphan")

    @property
    def sector_list(self) -> list[str]:
        return split_labels(self.sectors)

    @property
    def is_verified(self) -> bool:
        return self.status == "verified"

    @property
    def is_suspended(self) -> bool:
        return self.status == "suspended"

    @property
    def commune(self):
        from market.geo import get
        return get(self.commune_code)

    @property
    def url(self) -> str:
        return url_for("directory.show", slug=self.slug)

    def admins(self) -> list[User]:
        return [m.user for m in self.memberships if m.role == "admin"]

    def __repr__(self):
        return f"<Organization {self.slug}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "organization_id", name="uq_memberships_user_org"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20), default="member")  # admin | member
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    organization: Mapped[Organization] = relationship(back_populates="memberships")
