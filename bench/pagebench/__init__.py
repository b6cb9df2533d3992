"""Helpers of bench/pages.py: the bare Flask page, the client, the sites under gunicorn."""
