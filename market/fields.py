"""Form fields shared by several features: commune picker, labels list, euros to cents, hours to minutes, days."""
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, ValidationError
from wtforms.validators import StopValidation

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


def _decimal(text: str) -> Decimal | None:
    """A finite decimal number from what was typed ("12,50", "1 000"), or None (NaN, Infinity, words)."""
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    if len(text) > 20:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number.adjusted() > 15:  # "9E+999999" is finite but overflows once multiplied: beyond any range anyway
        return Decimal("-1E16") if number < 0 else Decimal("1E16")
    if number.adjusted() < -15:
        return Decimal(0)
    return number


class EurosField(StringField):
    """An amount typed in euros ("12,50", "12.5", "12 €") kept as integer cents in `.cents`."""

    def __init__(self, label=None, validators=None, maximum=1_000_000, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"].setdefault("inputmode", "decimal")
        kwargs["render_kw"].setdefault("maxlength", 20)
        super().__init__(label, validators, **kwargs)
        self.maximum = maximum
        self.cents = None

    def process_data(self, value):
        # value is cents when editing a record
        self.data = "" if value is None else f"{Decimal(value) / 100:.2f}".replace(".", ",")

    def pre_validate(self, form):
        text = (self.data or "").replace("€", "").strip()
        self.cents = None
        if not text:
            return
        amount = _decimal(text)
        # StopValidation: one message per field, not "invalid" then "give a price"
        if amount is None:
            raise StopValidation(_l("Montant invalide : écrivez par exemple 12,50."))
        if amount < 0 or amount > self.maximum:
            raise StopValidation(_l("Le montant doit être compris entre 0 et %(max)s €.", max=f"{self.maximum:,}".replace(",", "\u202f")))
        self.cents = int((amount * 100).quantize(Decimal("1")))


class HoursField(StringField):
    """A number of hours typed as "2", "1,5" or "1h30", kept as integer minutes in `.minutes`."""

    def __init__(self, label=None, validators=None, minimum=15, maximum=24 * 14 * 60, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"].setdefault("inputmode", "decimal")
        kwargs["render_kw"].setdefault("maxlength", 20)
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum = minimum, maximum
        self.minutes = None

    def pre_validate(self, form):
        text = (self.data or "").strip().lower()
        self.minutes = None
        if not text:
            return
        hours, _sep, rest = text.partition("h")
        number = _decimal(hours.strip() or "x")
        extra = _decimal(rest.strip()) if rest.strip() else Decimal(0)
        if number is None or extra is None or (rest.strip() and not 0 <= extra < 60):
            raise StopValidation(_l("Écrivez un nombre d'heures, par exemple 2 ou 1,5."))
        minutes = number * 60 + extra
        if not self.minimum <= minutes <= self.maximum:
            raise StopValidation(_l("Indiquez un nombre d'heures entre %(min)s et %(max)s.",
                                    min=_hours_text(self.minimum), max=_hours_text(self.maximum)))
        self.minutes = int(minutes.quantize(Decimal("1")))


def _hours_text(minutes: int) -> str:
    return f"{Decimal(minutes) / 60:f}".rstrip("0").rstrip(".").replace(".", ",")


PARIS = ZoneInfo("Europe/Paris")


def today() -> date:
    return datetime.now(PARIS).date()


class DayField(DateField):
    """A day (calendar picker, or 25/12/2026 typed) inside a sane range around today, or one clear message.

    `past` and `future` are how far from today (a timedelta; None: no bound on that side, but never
    beyond years 1900-2200, which keep every conversion and display away from the ends of the calendar).
    A value left as it was when editing passes, whatever its range (a record is never forced to change).
    """

    OUTER = (date(1900, 1, 1), date(2200, 12, 31))

    def __init__(self, label=None, validators=None, past=None, future=None, **kwargs):
        kwargs.setdefault("format", ["%Y-%m-%d", "%d/%m/%Y"])
        super().__init__(label, validators, **kwargs)
        self.past, self.future = past, future

    def process_formdata(self, valuelist):
        self.data = None
        text = " ".join(valuelist).strip() if valuelist else ""
        if not text:
            return
        for fmt in self.format:
            try:
                self.data = datetime.strptime(text, fmt).date()
                return
            except ValueError:
                continue
        raise ValueError(_l("Date illisible : choisissez-la dans le calendrier ou écrivez-la comme 25/12/2026."))

    def bounds(self) -> tuple[date, date]:
        low, high = self.OUTER
        now = today()
        if self.past is not None:
            low = max(low, now - self.past)
        if self.future is not None:
            high = min(high, now + self.future)
        return low, high

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()  # the reading error is the one message
        if self.data is None or self.data == self.object_data:
            return
        low, high = self.bounds()
        if self.data < low or self.data > high:
            if low == today():
                message = _l("Choisissez une date entre aujourd'hui et le %(end)s.", end=format_date(high, "long"))
            else:
                message = _l("Choisissez une date entre le %(start)s et le %(end)s.",
                             start=format_date(low, "long"), end=format_date(high, "long"))
            raise StopValidation(message)
