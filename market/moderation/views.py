"""Moderation pages: the blueprint `moderation` with its routes, one sibling module per subject."""
from market.moderation import audit_views, organization_views, queue_views, report_views, user_views  # noqa: F401
from market.moderation.blueprint import bp

__all__ = ["bp"]
