"""scripts/build_communes.py on tiny sources: which point each commune gets, and why."""
import csv
import json
import lzma
import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import build_communes  # noqa: E402  (a script, not a package)


def square(lon, lat, size=0.1):
    """Hex WKB of a one-square MultiPolygon, its south-west corner at (lon, lat)."""
    ring = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]
    coords = b"".join(struct.pack("<dd", *p) for p in ring)
    polygon = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + coords
    return (struct.pack("<BII", 1, 6, 1) + polygon).hex()


def point(lat, lon):
    return struct.pack("<BIdd", 1, 1, lon, lat).hex()


@pytest.fixture
def sources(tmp_path):
    communes = [{"code": f"0300{i}", "nom": name, "type": "commune-actuelle", "departement": "03",
                 "codesPostaux": ["03100"], "population": 100} for i, name in enumerate(
                     ["Alpha", "Bêta", "Gamma", "Delta", "Epsilon"], start=1)]
    communes.append({"code": "03009", "nom": "Vieux-Delta", "type": "commune-deleguee", "departement": "03",
                     "chefLieu": "03004"})
    (tmp_path / "communes.json").write_text(json.dumps(communes), encoding="utf-8")
    official = [  # id, code, type, nom, commune_parent_id, geometry, mairie_localisation
        ("1", "03001", "COM", "Alpha", r"\N", square(3.0, 46.0), point(46.05, 3.05)),  # its town hall
        ("2", "03002", "COM", "Bêta", r"\N", square(3.2, 46.0), point(47.0, 3.25)),  # a town hall 100 km off
        ("3", "03003", "COM", "Gamma", r"\N", square(3.4, 46.0), point(46.01, 3.41)),  # an annex, 11 km away
    ]
    with lzma.open(tmp_path / "communes.csv.lzma", "wt", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "code", "type", "nom", "commune_parent_id", "geometry", "mairie_localisation"])
        writer.writerows(official)
    places = [("Gamma", 46.09, 3.49, "03003"), ("Vieux-Delta", 46.5, 3.5, "03004")]
    with open(tmp_path / "cities500.txt", "w", encoding="utf-8") as fh:
        for i, (name, lat, lon, code) in enumerate(places):
            fh.write("\t".join([str(i), name, name, "", str(lat), str(lon), "P", "PPL", "FR", "", "84", "03",
                                "031", code, "600", "", "300", "Europe/Paris", "2024-01-01"]) + "\n")
    return tmp_path


def test_each_commune_gets_the_best_point_its_sources_give(sources):
    out = sources / "out.csv"
    stats = build_communes.build(sources / "communes.json", sources / "communes.csv.lzma",
                                 sources / "cities500.txt", out)
    with open(out, encoding="utf-8") as fh:
        rows = {r["name"]: (r["lat"], r["lon"]) for r in csv.DictReader(fh)}
    assert rows == {"Alpha": ("46.0500", "3.0500"),  # the town hall, inside its commune
                    "Bêta": ("46.0500", "3.2500"),  # a mislocated town hall: the centroid instead
                    "Gamma": ("46.0900", "3.4900"),  # GeoNames' Gamma, in the commune, beats an annex
                    "Delta": ("46.5000", "3.5000"),  # no official data: GeoNames, through its former commune
                    "Epsilon": ("", "")}  # nothing known: left empty, never guessed
    assert (stats["communes"], stats["town_hall"], stats["centroid"], stats["geonames_in_shape"],
            stats["geonames_former"], stats["without"]) == (5, 1, 1, 1, 1, 1)
    first = out.read_bytes()
    build_communes.build(sources / "communes.json", sources / "communes.csv.lzma", sources / "cities500.txt", out)
    assert out.read_bytes() == first  # deterministic
