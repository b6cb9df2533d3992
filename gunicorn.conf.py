"""gunicorn settings read from the project folder: how many workers, and warm each one before it serves."""
import multiprocessing
import os
import time

# One sync worker per core. Measured in bench/load.py (README, "Load and faults"; 100,000
# listings, PostgreSQL on the same 2 cores): 2 workers served 65 req/s at saturation, 3 gave
# 60 and 5 gave 57, and with pauses 2 workers had the lowest p95 too. Each worker keeps its own
# warm index bitsets and caches, so extra workers mostly redo the same work. MARKET_WORKERS / -w override it.
workers = int(os.environ.get("MARKET_WORKERS") or multiprocessing.cpu_count())
# The longest address gunicorn reads (its default, 4094, answered a long search with a raw English page).
# The search box caps what it sends (maxlength) and the app trims the rest with a French word.
limit_request_line = 8190


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
