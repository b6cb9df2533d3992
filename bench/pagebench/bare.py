"""The yardstick of bench/pages.py: a bare Flask page of 20 items rendered by Jinja (`gunicorn bench.pagebench.bare:app`).

What any Flask page costs at least on this machine: routing, a template with a layout and a loop
of 20 items (a title link, a description cut to 160 characters, three labels, a date), no database.
"""
from datetime import date

from flask import Flask, render_template
from jinja2 import DictLoader

TEMPLATES = {
    "layout.html": """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
<link rel="stylesheet" href="{{ url_for('static', filename='app.css') }}"></head>
<body><header><a href="{{ url_for('page') }}">Entraide</a></header>
<main>{% block content %}{% endblock %}</main><footer>Réseau</footer></body></html>""",
    "page.html": """{% extends "layout.html" %}{% block title %}Annonces ({{ items|length }}){% endblock %}
{% block content %}<h1>Offres et besoins</h1><div class="grid">
{% for item in items %}<article class="card card--{{ item.kind }}">
<h3><a href="{{ url_for('item', item_id=item.id) }}">{{ item.title }}</a></h3>
<ul class="badges"><li>{{ item.kind }}</li><li>{{ item.category }}</li><li>{{ item.terms }}</li></ul>
<p>{{ item.description|truncate(160, killwords=False, end='…') }}</p>
<p>{{ item.owner }} · {{ item.commune }} · <time datetime="{{ item.day.isoformat() }}">{{ item.day.strftime('%d/%m/%Y') }}</time></p>
</article>{% endfor %}</div>{% endblock %}""",
}
ITEMS = [{"id": n, "kind": "offer" if n % 2 else "need", "category": "equipment", "terms": "loan",
          "title": f"Sono portable n°{n}", "owner": f"Structure {n}", "commune": "Vichy", "day": date(2026, 5, n + 1),
          "description": "Une sono avec deux micros, prêtée pour vos manifestations, à venir chercher à Vichy. " * 3}
         for n in range(20)]

app = Flask(__name__)
app.jinja_loader = DictLoader(TEMPLATES)


@app.get("/")
def page():
    return render_template("page.html", items=ITEMS)


@app.get("/item/<int:item_id>")
def item(item_id):
    return render_template("page.html", items=ITEMS[item_id:item_id + 1])
