"""Form fields shared by several features: commune picker, labels list, euros to cents."""
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import StringField, ValidationError

from market import geo


class CommuneField(StringField):
    """Free text (name, postal code or "Vichy (03200)") resolved to one official commune."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"].setdefault("data-commune-autocomplete", "1")
        kwargs["render_kw"].setdefault("autocomplete", "off")
        super().__init__(label, validators, **kwargs)
        self.commune = None

    def process_data(self, value):
        # editing a record: given a Commune or an INSEE code, show the label people know
        if isinstance(value, geo.Commune):
            self.data = value.label
            return
        commune = geo.get(value) if isinstance(value, str) and value else None
        self.data = commune.label if commune else value

    def pre_validate(self, form):
        text = str(self.data or "").strip()
        self.commune = None
        if not text:
            return
        try:
            self.commune = geo.resolve(text)
        except geo.AmbiguousCommune as exc:
            names = ", ".join(c.label for c in exc.candidates[:5])
            raise ValidationError(_l("Plusieurs communes correspondent : précisez (%(names)s).", names=names))
        if self.commune is None:
            raise ValidationError(_l("Commune inconnue : tapez son nom ou son code postal et choisissez-la dans la liste."))
        self.data = self.commune.label

    @property
    def code(self):
        return self.commune.code if self.commune else None


class LabelsField(StringField):
    """Labels separated by semicolons or commas ("sono; tente")."""

    def _value(self):
        return self.data or ""


class EurosField(StringField):
    """An amount typed in euros ("12,50", "12.5", "12 €") kept as integer cents in `.cents`."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"].setdefault("inputmode", "decimal")
        super().__init__(label, validators, **kwargs)
        self.cents = None

    def process_data(self, value):
        # value is cents when editing a record
        self.data = "" if value is None else f"{Decimal(value) / 100:.2f}".replace(".", ",")

    def pre_validate(self, form):
        text = (self.data or "").replace("€", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
        self.cents = None
        if not text:
            return
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_l("Montant invalide : écrivez par exemple 12,50."))
        if amount < 0 or amount > 1_000_000:
            raise ValidationError(_l("Le montant doit être compris entre 0 et 1 000 000 €."))
        self.cents = int((amount * 100).quantize(Decimal("1")))
