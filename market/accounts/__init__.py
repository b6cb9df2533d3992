"""Organisations, their members, volunteers, and each person's dashboard."""
