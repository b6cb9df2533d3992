"""Bulk data for the benchmark, written with COPY (100,000 listings in seconds, not through the web)."""
import itertools
import random
from datetime import datetime, timedelta, timezone

import psycopg
from werkzeug.security import generate_password_hash

PASSWORD = "un mot de passe de charge"
COMMUNES = ["03310", "03095", "03118", "03185", "03190", "03013", "03321", "03036", "03298", "03082"]
THINGS = ["sono", "barnum", "tables", "chaises", "vidéoprojecteur", "camion", "salle", "cuisine", "vaisselle",
          "ordinateur", "imprimante", "tonnelle", "groupe électrogène", "minibus", "scène", "micro", "écran",
          "bâche", "gradins", "friteuse"]
QUALIFIERS = ["portable", "pliantes", "de réunion", "équipée", "pour 50 personnes", "à prêter", "en bon état",
              "avec chauffeur", "accessible", "de plain-pied", "pour la fête", "du village"]
SKILLS = ["comptabilité", "statuts", "graphisme", "site internet", "accueil", "conduite", "bricolage", "subventions"]
KINDS, CATEGORIES, TERMS = ("offer", "need"), ("equipment", "premises", "skill", "volunteering"), ("free", "loan", "exchange")


def words() -> list[str]:
    """Search terms the virtual users type (present in the generated titles)."""
    return ["sono", "barnum", "chaises", "salle", "vidéoprojecteur", "minibus", "comptabilité", "graphisme",
            "tables pliantes", "salle accessible", "camion", "micro"]


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _columns(cur, table: str) -> dict:
    cur.execute("SELECT column_name, is_nullable, column_default FROM information_schema.columns "
                "WHERE table_name = %s", (table,))
    return {name: (nullable == "YES" or default is not None) for name, nullable, default in cur.fetchall()}


def _copy(cur, table: str, rows) -> None:
    """COPY the rows (a list or a generator: a million listings are never all in memory); a NOT NULL
    column added later by a migration and not filled here fails loudly."""
    rows = iter(rows)
    first = next(rows)
    columns = _columns(cur, table)
    names = [c for c in first if c in columns]
    missing = [c for c, optional in columns.items() if not optional and c not in names]
    if missing:
        raise SystemExit(f"seed: table {table} has NOT NULL columns the seeder does not fill: {missing}")
    with cur.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
        for row in itertools.chain([first], rows):
            copy.write_row([row[c] for c in names])


def seed(url: str, listings: int, users: int = 200, organizations: int = 100, seed_value: int = 6) -> dict:
    """Members (all with PASSWORD), verified organisations, `listings` published listings."""
    rnd = random.Random(seed_value)
    now = datetime.now(timezone.utc)
    hashed = generate_password_hash(PASSWORD)  # the production cost (scrypt n=2**15), computed once
    with psycopg.connect(_plain(url)) as conn, conn.cursor() as cur:
        _copy(cur, "users", [dict(email=f"membre{i}@charge.example", password_hash=hashed, display_name=f"Membre {i}",
                                  locale="fr", is_coordinator=False, is_volunteer=False, status="active",
                                  created_at=now) for i in range(users)])
        _copy(cur, "organizations", [dict(slug=f"structure-{i}", name=f"Structure {i}", legal_form="association",
                                          sectors="culture; sport", address="", commune_code=COMMUNES[i % len(COMMUNES)],
                                          postal_code="03200", website="", email="", phone="",
                                          description="Une association du réseau.", status="verified",
                                          charter_accepted_at=now, created_at=now, updated_at=now)
                                     for i in range(organizations)])
        cur.execute("SELECT id FROM users WHERE email LIKE '%%@charge.example' ORDER BY id")
        user_ids = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT id FROM organizations WHERE slug LIKE 'structure-%%' ORDER BY id")
        org_ids = [r[0] for r in cur.fetchall()]
        _copy(cur, "memberships", [dict(user_id=u, organization_id=org_ids[i % len(org_ids)], role="admin",
                                        created_at=now) for i, u in enumerate(user_ids)])
        def listing_rows():
            for i in range(listings):
                category = CATEGORIES[i % 4]
                thing = rnd.choice(SKILLS) if category == "skill" else rnd.choice(THINGS)
                published = now - timedelta(minutes=rnd.randrange(60 * 24 * 50))
                author = rnd.randrange(len(user_ids))
                yield dict(
                    organization_id=org_ids[author % len(org_ids)], author_id=user_ids[author],
                    kind=rnd.choice(KINDS), category=category,
                    title=f"{thing.capitalize()} {rnd.choice(QUALIFIERS)} n°{i}",
                    description=f"{thing.capitalize()} {rnd.choice(QUALIFIERS)}, {rnd.choice(QUALIFIERS)}. "
                                f"Contactez-nous pour {rnd.choice(THINGS)} ou {rnd.choice(SKILLS)}.",
                    commune_code=rnd.choice(COMMUNES), terms=rnd.choice(TERMS), price_cents=None, quantity=1,
                    tags=f"{thing}; {rnd.choice(SKILLS)}", urgent=False, amenities="", schedule="",
                    status="published", moderation_note="", hidden=False,
                    expires_at=now + timedelta(days=rnd.randrange(10, 60)),
                    published_at=published, created_at=published, updated_at=published)
        _copy(cur, "listings", listing_rows())
        cur.execute("ANALYZE")
        cur.execute("SELECT min(id), max(id) FROM listings")
        first, last = cur.fetchone()
    return {"users": [f"membre{i}@charge.example" for i in range(users)], "listing_ids": (first, last)}


def count_titles(url: str, titles: list[str]) -> set[str]:
    """Which of these titles are in the database (to find lost writes)."""
    with psycopg.connect(_plain(url)) as conn, conn.cursor() as cur:
        cur.execute("SELECT title FROM listings WHERE title = ANY(%s)", (titles,))
        return {r[0] for r in cur.fetchall()}
