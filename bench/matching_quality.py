"""Quality of matching on the labelled set (tests/matching/evalset.py): precision@3 and hit@3.

    .venv/bin/python bench/matching.py --quality          # prints the figures, writes bench/figures/matching-quality.json (tracked: the figures a change must not lower)

- hit@3: the share of needs with at least one offer a coordinator would suggest in their top 3;
- precision@3: the share of the suggestions shown in a top 3 that a coordinator would suggest
  (a need with nothing shown counts for nothing here, and fails hit@3);
- recall@3: the share of (need, expected offer) pairs found in the top 3;
- hard negatives@3: how many `avoid` offers (same word, different thing) reach a top 3.
`load` fills the current (empty) database; `measure` reads the top 3 through queries.suggestions,
the same path as the listing page.
"""
import json
import os

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "figures", "matching-quality.json")


def load():
    """Create the organisations, their admins and every listing of the set, published; commits."""
    from market.accounts.services import create_organization
    from market.auth.services import register_user
    from market.extensions import db
    from market.listings.services import create_listing
    from tests.matching import evalset
    orgs, listings = {}, {}
    for key, (name, commune) in evalset.ORGS.items():
        admin = register_user(f"{key}@eval.example.org", f"Équipe {name}", "eval-password-1")
        orgs[key] = (admin, create_organization(admin, {"name": name, "legal_form": "association",
                                                        "commune_code": commune, "description": name},
                                                status="verified"))
    rows = [(k, "offer", v[:7], v[7]) for k, v in evalset.OFFERS.items()]
    rows += [(k, "need", v[:7], v[9]) for k, v in evalset.NEEDS.items()]
    for key, kind, (org, category, terms, euros, title, tags, description), extra in rows:
        admin, organization = orgs[org]
        values = {"kind": kind, "category": category, "terms": terms, "title": title, "tags": tags,
                  "description": description, "commune_code": organization.commune_code,
                  "price_cents": None if euros is None else euros * 100, **extra}
        listings[key] = create_listing(admin, organization, values)
    db.session.commit()
    return listings


def measure(listings) -> dict:
    """The figures of the set on the listings `load` created (rounded to 3 decimals)."""
    from market.matching.queries import suggestions
    from tests.matching import evalset
    key_of = {listing.id: key for key, listing in listings.items()}
    hits = shown = correct = found = negatives = 0
    details = {}
    for key, need in evalset.NEEDS.items():
        expect, avoid = set(need[7]), set(need[8])
        top = [key_of.get(s.listing.id) for s in suggestions(listings[key], limit=3)]
        good = [k for k in top if k in expect]
        hits += bool(good)
        shown += len(top)
        correct += len(good)
        found += len(good)
        negatives += sum(k in avoid for k in top)
        details[key] = top
    pairs = evalset.pairs()
    return {"needs": len(evalset.NEEDS), "offers": len(evalset.OFFERS), "pairs": pairs,
            "hit_at_3": round(hits / len(evalset.NEEDS), 3),
            "precision_at_3": round(correct / shown, 3) if shown else 0.0,
            "recall_at_3": round(found / pairs, 3), "hard_negatives_at_3": negatives, "top3": details}


def committed() -> dict:
    """The figures last written (and committed) in bench/figures/matching-quality.json (tracked: the figures a change must not lower)."""
    with open(RESULTS, encoding="utf-8") as fh:
        return json.load(fh)


def write(figures: dict, history_note: str | None = None) -> None:
    previous = committed() if os.path.exists(RESULTS) else {}
    history = previous.get("history", [])
    if history_note:
        history.append({"change": history_note, **{k: figures[k] for k in
                                                   ("hit_at_3", "precision_at_3", "recall_at_3",
                                                    "hard_negatives_at_3")}})
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "w", encoding="utf-8") as fh:
        json.dump({**figures, "history": history}, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
