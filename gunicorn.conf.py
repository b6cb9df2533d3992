"""gunicorn settings read from the project folder: warm each worker before it takes requests."""


def post_worker_init(worker):
    """Open the search index, read its columns and the commune list once, before the first visitor.

    Without this, the first requests of every worker pay ~1 s (index columns into bitsets, the
    'did you mean' vocabulary, 35,000 communes), which showed in the load benchmark's p95.
    """
    app = worker.wsgi
    try:
        with app.test_request_context("/annonces/"):
            from market import geo
            from market.search.service import search_listings
            geo.get("03310")
            search_listings({"q": "salle"}, page=1, per_page=20)
            search_listings({"q": "salle", "category": "premises"}, page=1, per_page=20, sort="newest")
            from market.extensions import db
            db.session.remove()
    except Exception:  # a warm-up must never stop a worker from serving
        worker.log.exception("warm-up failed; the worker serves anyway")
