"""Listings/s and peak memory of `import_listings` on a generated CSV of N rows.

    .venv/bin/python -m bench.imports --rows 20000 [--rows 100000]
"""
import argparse
import json
import sys
import time
import tracemalloc

from bench.matching import make_app


def csv_bytes(n: int, orgs: list[str]) -> bytes:
    head = ("organization;kind;category;title;description;commune;postal_code;terms;price_eur;quantity;"
            "available_from;available_until;urgent;tags\n")
    body = "".join(f"{orgs[i % len(orgs)]};offre;matériel;Objet numéro {i};Un objet prêté, en bon état.;;;;;;;;;"
                   f"outil;prêt\n" for i in range(n))
    return (head + body).encode()


def run(n: int) -> dict:
    import tempfile
    app = make_app(f"sqlite:///{tempfile.mkdtemp()}/imports.sqlite")
    with app.app_context():
        from market.extensions import db
        from market.imports.listings import import_listings
        from tests.factories import make_coordinator, make_org
        make_coordinator()
        orgs = [make_org(name=f"Structure {k}").name for k in range(20)]
        db.session.commit()
        data = csv_bytes(n, orgs)
        tracemalloc.start()
        started = time.perf_counter()
        result = import_listings(data)
        db.session.commit()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.created == n, result.messages()[:3]
    return {"rows": n, "seconds": round(elapsed, 1), "listings_per_s": round(n / elapsed),
            "peak_mib": round(peak / 2**20, 1)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, action="append")
    args = parser.parse_args(argv)
    for n in args.rows or [20000]:
        print(json.dumps(run(n)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
