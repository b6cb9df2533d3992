"""Atom feeds (RFC 4287) of new offers and needs, built with ElementTree so every text is escaped."""
from xml.etree import ElementTree as ET

from flask import request, url_for
from flask_babel import gettext as _

from market.api.serializers import iso_datetime, listing_url, organization_url
from market.labels import label
from market.types import utcnow

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _add(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom(title: str, kind: str, filters: dict, listings: list, site_name: str) -> bytes:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "fr"})
    _add(feed, "id", request.url)
    _add(feed, "title", title)
    _add(feed, "updated", iso_datetime(max((i.published_at for i in listings), default=None) or utcnow()))
    author = _add(feed, "author")
    _add(author, "name", site_name)
    _add(feed, "link", rel="self", type="application/atom+xml", href=request.url)
    _add(feed, "link", rel="alternate", type="text/html",
         href=url_for("listings.browse", _external=True, kind=kind, **filters))
    _add(feed, "rights", _("Licence Ouverte 2.0 (Etalab)"))
    for item in listings:
        entry = _add(feed, "entry")
        _add(entry, "id", listing_url(item))
        _add(entry, "title", item.title)
        _add(entry, "published", iso_datetime(item.published_at))
        _add(entry, "updated", iso_datetime(item.published_at))
        entry_author = _add(entry, "author")
        _add(entry_author, "name", item.organization.name)
        _add(entry_author, "uri", organization_url(item.organization))
        _add(entry, "link", rel="alternate", type="text/html", href=listing_url(item))
        _add(entry, "category", term=item.category, label=label("category", item.category))
        summary = f"{label('category', item.category)} · {item.commune_name} · {label('terms', item.terms)}"
        _add(entry, "summary", summary)
        _add(entry, "content", item.description or item.title, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
