"""Demo group purchases: the paper one stops at 99 reams, one short of the second tier (commit 1 and watch);
the purchases on quotation (market/purchasing/quotes/demo.py)."""
from datetime import timedelta

from market.auth.services import find_user
from market.purchasing import services
from market.purchasing.forms import closing_time

PAPER = {"title": "Papier A4 recyclé", "unit": "ramette de 500 feuilles",
         "description": "Papier 80 g recyclé, certifié Ange bleu, pour les imprimantes des associations.",
         "supplier_name": "Papeterie des Sources (démo)", "supplier_contact": "commandes@papeterie-sources.example.org",
         "fixed_costs_cents": 4000, "fixed_costs_label": "Livraison", "split_rule": "quantity", "min_total": 50,
         "max_quantity": None, "delivery_plan": "Livraison à la Fédération Les Foyers du Sichon, Cusset ; "
                                                "retrait le mercredi suivant la clôture, de 14 h à 18 h."}
BALLS = {"title": "Ballons de basket fauteuil taille 6", "unit": "ballon", "description": "",
         "supplier_name": "Sport Équipement Allier (démo)", "supplier_contact": "04 00 00 00 00",
         "fixed_costs_cents": 1500, "fixed_costs_label": "Frais de port", "split_rule": "equal", "min_total": 10,
         "max_quantity": 30, "delivery_plan": "Retrait au gymnase de Gannat."}


def load(coordinator_email: str, admins: dict, organizations: dict, today) -> list:
    coordinator = find_user(coordinator_email)
    paper = services.open_group(coordinator, None, {**PAPER, "closes_at": closing_time(today + timedelta(days=14))},
                                [(1, 420), (100, 380), (500, 340)])
    for key, quantity in (("centres", 40), ("handisport", 35), ("sportadapte", 24)):
        services.commit(admins[key], paper, organizations[key], quantity)
    balls = services.open_group(admins["handisport"], organizations["handisport"],
                                {**BALLS, "closes_at": closing_time(today + timedelta(days=21))},
                                [(1, 3900), (10, 3400), (20, 2990)])
    services.commit(admins["sportadapte"], balls, organizations["sportadapte"], 6)
    from market.purchasing.quotes import demo as quotes_demo
    quotes_demo.load(coordinator, admins, organizations, today)
    return [paper, balls]
