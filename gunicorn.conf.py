"""gunicorn settings read from the project folder: how many workers, and warm each one before it serves."""
import multiprocessing
import time

# Requests wait on PostgreSQL and on password hashing (scrypt releases the GIL) as much as on
# Python: gunicorn's advice of 2 × cores + 1 sync workers keeps the cores busy meanwhile.
# Measured in bench/load.py (README, "Load and faults"). MARKET_WORKERS / -w override it.
workers = int(__import__("os").environ.get("MARKET_WORKERS") or multiprocessing.cpu_count() * 2 + 1)


def post_worker_init(worker):
    """Open the search index, read its columns and the commune list once, before the first visitor.

    Without this, the first requests of every worker pay ~1 s (index columns into bitsets, the
    'did you mean' vocabulary, 35,000 communes), which showed in the load benchmark's p95.
    """
    app, started = worker.wsgi, time.monotonic()
    try:
        with app.test_request_context("/annonces/"):
            from market import geo
            from market.search.service import search_listings
            geo.get("03310")
            search_listings({}, page=1, per_page=20)
            search_listings({"q": "salle"}, page=1, per_page=20)
            search_listings({"q": "salle", "category": "premises"}, page=1, per_page=20, sort="newest")
            from market.extensions import db
            db.session.remove()
        worker.log.info("worker warmed in %.2f s", time.monotonic() - started)
    except Exception:  # a warm-up must never stop a worker from serving
        worker.log.exception("warm-up failed; the worker serves anyway")
