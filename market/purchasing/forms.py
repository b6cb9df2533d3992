"""Forms of group purchases: open one (with its price tiers), commit a quantity, extend the deadline."""
from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from market.fields import PARIS, DayField, EurosField
from market.forms import BaseForm

TIER_ROWS = 5
MAX_UNITS = 1_000_000


def closing_time(day) -> datetime:
    """A deadline day ends at midnight, Paris time (stored in UTC)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=PARIS)


class GroupForm(BaseForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)
    title = StringField(_l("Produit ou service"), validators=[DataRequired(_l("Indiquez le produit.")), Length(max=140)])
    unit = StringField(_l("Unité"), validators=[DataRequired(_l("Indiquez l'unité, par exemple « ramette de 500 feuilles »."
                                                                )), Length(max=80)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    supplier_name = StringField(_l("Fournisseur"), validators=[DataRequired(_l("Indiquez le fournisseur.")),
                                                               Length(max=140)])
    supplier_contact = StringField(_l("Contact du fournisseur"), validators=[Optional(), Length(max=300)])
    fixed_costs = EurosField(_l("Frais fixes à partager (€)"), maximum=100_000)
    fixed_costs_label = StringField(_l("Nature des frais fixes"), validators=[Optional(), Length(max=140)])
    split_rule = RadioField(_l("Partage des frais fixes"), default="quantity",
                            choices=[("quantity", _l("Selon la quantité de chacun")),
                                     ("equal", _l("À parts égales entre les structures"))])
    min_total = IntegerField(_l("Quantité totale minimum"), default=1, validators=[
        InputRequired(_l("Indiquez la quantité minimum.")), NumberRange(min=1, max=MAX_UNITS)])
    max_quantity = IntegerField(_l("Stock disponible (facultatif)"), validators=[
        Optional(), NumberRange(min=1, max=MAX_UNITS)])
    closes_on = DayField(_l("Date limite des engagements"), validators=[InputRequired(_l("Indiquez la date limite."))],
                         past=timedelta(0), future=timedelta(days=365))
    delivery_plan = TextAreaField(_l("Livraison ou retrait (lieu, date)"), validators=[Optional(), Length(max=2000)])

    def tiers(self) -> list[tuple[int, int]]:
        """(from quantity, unit price in cents) of the filled rows."""
        out = []
        for n in range(1, TIER_ROWS + 1):
            low, price = getattr(self, f"tier_{n}_min"), getattr(self, f"tier_{n}_price")
            if low.data is not None and price.cents is not None:
                out.append((low.data, price.cents))
        return out

    def tier_rows(self):
        return [(n, getattr(self, f"tier_{n}_min"), getattr(self, f"tier_{n}_price")) for n in range(1, TIER_ROWS + 1)]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for n, low, price in self.tier_rows():
            if (low.data is None) != (price.cents is None) and not low.errors and not price.errors:
                (price if low.data is not None else low).errors.append(
                    str(_l("Remplissez la quantité et le prix de ce palier, ou aucun des deux.")))
                valid = False
        return valid

    def values(self) -> dict:
        return {"title": self.title.data, "unit": self.unit.data, "description": self.description.data or "",
                "supplier_name": self.supplier_name.data, "supplier_contact": self.supplier_contact.data or "",
                "fixed_costs_cents": self.fixed_costs.cents or 0, "fixed_costs_label": self.fixed_costs_label.data or "",
                "split_rule": self.split_rule.data, "min_total": self.min_total.data,
                "max_quantity": self.max_quantity.data, "closes_at": closing_time(self.closes_on.data),
                "delivery_plan": self.delivery_plan.data or ""}


for _n in range(1, TIER_ROWS + 1):
    setattr(GroupForm, f"tier_{_n}_min", IntegerField(
        _l("Palier %(n)d : à partir de (unités)", n=_n),
        validators=[Optional(), NumberRange(min=1, max=MAX_UNITS)]))
    setattr(GroupForm, f"tier_{_n}_price", EurosField(_l("Palier %(n)d : prix unitaire (€)", n=_n), maximum=100_000))


class CommitForm(BaseForm):
    organization = SelectField(_l("Au nom de"), coerce=str, validate_choice=True)
    quantity = IntegerField(_l("Quantité"), validators=[InputRequired(_l("Indiquez la quantité (0 pour vous retirer).")),
                                                        NumberRange(min=0, max=MAX_UNITS)])


class ExtendForm(BaseForm):
    closes_on = DayField(_l("Nouvelle date limite"), validators=[InputRequired(_l("Indiquez la nouvelle date limite."))],
                         past=timedelta(0), future=timedelta(days=365))


class ActionForm(BaseForm):
    """Only the CSRF token (close, cancel, withdraw)."""


class AdjustmentForm(BaseForm):
    """A correction after closing: who, which way, how much, why."""
    organization = SelectField(_l("Structure"), coerce=str, validate_choice=True)
    direction = RadioField(_l("Sens"), default="refund", choices=[("refund", _l("À rembourser à la structure")),
                                                                  ("charge", _l("À facturer en plus"))])
    amount = EurosField(_l("Montant (€)"), maximum=100_000)
    reason = TextAreaField(_l("Raison"), validators=[DataRequired(_l("Indiquez la raison de la correction.")),
                                                     Length(max=2000)])

    def signed_cents(self) -> int:
        cents = self.amount.cents or 0
        return -cents if self.direction.data == "refund" else cents
