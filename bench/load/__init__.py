"""Helpers of bench/load.py: PostgreSQL and gunicorn control, bulk seeding, virtual users, faults."""
