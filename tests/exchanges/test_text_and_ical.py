"""Messages shown safely (escape, then link) and the iCalendar generator (RFC 5545)."""
from datetime import datetime, timezone

import pytest

from market.exchanges import ical
from market.exchanges.text import linkify


@pytest.mark.parametrize("text, html", [
    ("Bonjour", "Bonjour"),
    ("<b>gras</b> & co", "&lt;b&gt;gras&lt;/b&gt; &amp; co"),
    ("voir https://exemple.org.", 'voir <a href="https://exemple.org" rel="nofollow noopener noreferrer">https://exemple.org</a>.'),
    ("(https://fr.wikipedia.org/wiki/Vichy_(Allier))",
     '(<a href="https://fr.wikipedia.org/wiki/Vichy_(Allier)" rel="nofollow noopener noreferrer">'
     'https://fr.wikipedia.org/wiki/Vichy_(Allier)</a>)'),
    ("http://a.fr/?x=1&y=<2>", '<a href="http://a.fr/?x=1&amp;y=" rel="nofollow noopener noreferrer">'
                               'http://a.fr/?x=1&amp;y=</a>&lt;2&gt;'),
    ('https://x.fr/" onmouseover="alert(1)', '<a href="https://x.fr/" rel="nofollow noopener noreferrer">https://x.fr/</a>'
                                             '&#34; onmouseover=&#34;alert(1)'),
    ("javascript:alert(1) ftp://x.fr", "javascript:alert(1) ftp://x.fr"),
    ("ligne 1\nligne 2", "ligne 1<br>\nligne 2"),
])
def test_linkify(text, html):
    assert str(linkify(text)) == html


def test_linkify_is_markup_and_survives_empty():
    assert str(linkify("")) == "" and str(linkify(None)) == ""
    assert hasattr(linkify("x"), "__html__")


def test_escape_text_values():
    assert ical.escape("Salle; scène, cuisine\\ bar\nsecond") == "Salle\\; scène\\, cuisine\\\\ bar\\nsecond"


def test_fold_lines_at_75_octets_without_cutting_characters():
    line = "SUMMARY:" + "é" * 100
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert ical.fold("SHORT:x") == "SHORT:x"


def test_calendar_document():
    start = datetime(2030, 11, 15, 17, 0, tzinfo=timezone.utc)
    event = ical.Event(uid="booking-7@reseau.example", start=start, end=start.replace(hour=19),
                       summary="Salle des Ailes – réservée par Compagnie, théâtre", description="Répétition\n40 personnes",
                       location="Cusset", stamp=start)
    body = ical.calendar("Réservations", [event], now=start)
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    for line in ("UID:booking-7@reseau.example", "DTSTAMP:20301115T170000Z", "DTSTART:20301115T170000Z",
                 "DTEND:20301115T190000Z", "SUMMARY:Salle des Ailes – réservée par Compagnie\\, théâtre",
                 "DESCRIPTION:Répétition\\n40 personnes", "LOCATION:Cusset", "BEGIN:VEVENT", "END:VEVENT"):
        assert f"\r\n{line}\r\n" in body.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
