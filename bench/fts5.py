"""The SQLite FTS5 baseline: the same corpus, the same filtered queries with facet counts."""
import re
import sqlite3
import time

from market.search.analysis import STOP_WORDS, fold

FACETS = ("kind", "category", "terms", "commune_code")


class Fts5:
    def __init__(self, path):
        self.db = sqlite3.connect(path)

    def build(self) -> float:
        t = time.perf_counter()
        self.db.executescript("""
            DROP TABLE IF EXISTS fts;
            CREATE VIRTUAL TABLE fts USING fts5(title, description, tags, extra, org, commune,
                                                tokenize = "unicode61 remove_diacritics 2");
            INSERT INTO fts(rowid, title, description, tags, extra, org, commune)
              SELECT l.id, l.title, l.description, l.tags, l.amenities || ' ' || coalesce(l.skill_domain, ''),
                     o.name, l.commune_code FROM listings l JOIN organizations o ON o.id = l.organization_id;
        """)
        self.db.commit()
        return round(time.perf_counter() - t, 2)

    @staticmethod
    def match(text, op=" AND "):
        words = [fold(w) for w in re.findall(r"\w+", text) if fold(w) not in STOP_WORDS and len(w) > 1]
        return op.join(f'"{w[:max(4, len(w) - 2)]}"*' for w in words[:8])  # a prefix stands in for a stemmer

    def search(self, q, category):
        match = self.match(q)
        base = ("FROM fts CROSS JOIN listings l ON l.id = fts.rowid WHERE fts MATCH ? AND l.status = 'published' "
                "AND l.hidden = 0 AND l.expires_at > datetime('now')")
        top = self.db.execute(f"SELECT l.id {base} AND l.category = ? ORDER BY bm25(fts, 3, 1, 2, 1.5, 1.2, 1.5) "
                              "LIMIT 20", (match, category)).fetchall()
        total = self.db.execute(f"SELECT count(*) {base} AND l.category = ?", (match, category)).fetchone()
        facets = {}
        for facet in FACETS:
            extra = "" if facet == "category" else " AND l.category = ?"
            params = (match,) if facet == "category" else (match, category)
            facets[facet] = self.db.execute(f"SELECT l.{facet}, count(*) {base}{extra} GROUP BY l.{facet}",
                                            params).fetchall()
        return top, total, facets

    def similar(self, listing):
        words = [w for w in re.findall(r"\w+", f"{listing.title} {listing.tags}") if len(w) > 3][:8]
        match = self.match(" ".join(words), op=" OR ")
        if not match:
            return []
        return self.db.execute(
            "SELECT l.id FROM fts CROSS JOIN listings l ON l.id = fts.rowid WHERE fts MATCH ? AND l.category = ? "
            "AND l.id != ? AND l.status = 'published' ORDER BY bm25(fts, 3, 1, 2, 1.5, 1.2, 1.5) LIMIT 10",
            (match, listing.category, listing.id)).fetchall()
