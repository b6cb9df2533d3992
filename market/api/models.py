"""What the writing API keeps: the first answer to each Idempotency-Key, for 24 hours."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from market.extensions import db
from market.types import UTCDateTime, utcnow


class IdempotentRequest(db.Model):
    """A creation made with an Idempotency-Key: the same key and body replay this answer instead of a second one."""
    __tablename__ = "api_idempotent_requests"
    __table_args__ = (sa.UniqueConstraint("token_id", "key", name="uq_api_idempotent_requests_token_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(sa.ForeignKey("personal_access_tokens.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(255))
    method: Mapped[str] = mapped_column(sa.String(10))
    path: Mapped[str] = mapped_column(sa.String(500))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int] = mapped_column()
    response_body: Mapped[str] = mapped_column(sa.Text)
    location: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
