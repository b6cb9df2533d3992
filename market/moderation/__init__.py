"""Coordinators keep the network clean: moderation queue, reports, decisions, audit log."""
