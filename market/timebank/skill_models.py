"""The network's referential of skills (coordinators edit it) and what each organisation or volunteer declares."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.extensions import db
from market.types import UTCDateTime, utcnow


class Skill(db.Model):
    """One skill of the referential ("Juridique", "Comptabilité"...). Retired skills stay for history."""
    __tablename__ = "timebank_skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)  # kept by coups de pouce and workshops
    label: Mapped[str] = mapped_column(sa.String(80))
    label_en: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    description: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    position: Mapped[int] = mapped_column(default=100, server_default="100")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SkillDeclaration(db.Model):
    """An organisation ("org:5") or a volunteer ("user:3") says it can give this skill, at a level, and how."""
    __tablename__ = "timebank_skill_declarations"
    __table_args__ = (
        sa.UniqueConstraint("holder", "skill_id", name="uq_timebank_skill_declarations_holder_skill"),
        sa.CheckConstraint("level IN ('notions', 'practised', 'expert')", name="level_known"),
        sa.CheckConstraint("minutes_per_month IS NULL OR minutes_per_month > 0", name="minutes_positive"),
        sa.CheckConstraint("remote OR on_site", name="gives_somehow"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(60), index=True)
    skill_id: Mapped[int] = mapped_column(sa.ForeignKey("timebank_skills.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(sa.String(12), default="practised")
    remote: Mapped[bool] = mapped_column(default=True)
    on_site: Mapped[bool] = mapped_column(default=True)
    minutes_per_month: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(sa.Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    skill: Mapped[Skill] = relationship()
