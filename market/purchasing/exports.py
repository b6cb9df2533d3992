"""CSV files of a group purchase: the order for the supplier and the split per member (French spreadsheets)."""
import csv
import io

from flask_babel import gettext as _

from market.purchasing import queries, rules
from market.spreadsheet import cell, euros


def _csv(header, rows) -> str:
    """Semicolon-separated, UTF-8 with BOM; text cells that could run as a formula are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([value if isinstance(value, Number) else cell(value) for value in row])
    return "\ufeff" + out.getvalue()


class Number(str):
    """A figure we wrote ourselves (it may start with "-"): kept as it is, not treated as typed text."""


def supplier_order(group) -> str:
    lines = queries.lines(group)
    total = sum(line["quantity"] for line in lines)
    price = rules.tier_for(group.tiers, total).unit_price_cents if lines else None
    rows = [(line["organization"].name, Number(line["quantity"]), group.unit) for line in lines]
    rows.append((_("Total"), Number(total), group.unit))
    rows.append((_("Prix unitaire (€)"), Number(euros(price)), ""))
    rows.append((_("Marchandise (€)"), Number(euros(total * (price or 0))), ""))
    rows.append((_("%(label)s (€)", label=group.fixed_costs_label) if group.fixed_costs_label else _("Frais fixes (€)"),
                 Number(euros(group.fixed_costs_cents)), ""))
    rows.append((_("Total fournisseur (€)"), Number(euros(rules.supplier_total(group.tiers, group.fixed_costs_cents,
                                                                                total))), ""))
    return _csv([_("Structure"), _("Quantité"), _("Unité")], rows)


def member_split(group) -> str:
    lines = queries.lines(group)
    rows = [(line["organization"].name, Number(line["quantity"]), Number(euros(line["unit_price_cents"])),
             Number(euros(line["goods_cents"])), Number(euros(line["fixed_share_cents"])),
             Number(euros(line["adjustments_cents"])), Number(euros(line["total_cents"] + line["adjustments_cents"])))
            for line in lines]
    rows.append((_("Total"), Number(sum(x["quantity"] for x in lines)), "",
                 Number(euros(sum(x["goods_cents"] for x in lines))),
                 Number(euros(sum(x["fixed_share_cents"] for x in lines))),
                 Number(euros(sum(x["adjustments_cents"] for x in lines))),
                 Number(euros(sum(x["total_cents"] + x["adjustments_cents"] for x in lines)))))
    return _csv([_("Structure"), _("Quantité"), _("Prix unitaire (€)"), _("Marchandise (€)"),
                 _("Part des frais fixes (€)"), _("Corrections (€)"), _("Montant dû (€)")], rows)
