"""Forms of moderation: decisions with a reason, reports, and the filters of the coordinator's lists."""
from flask_babel import lazy_gettext as _l
from wtforms import Form, RadioField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from market.accounts.models import ORG_STATUSES, USER_STATUSES
from market.fields import DayField
from market.forms import BaseForm
from market.labels import choices
from market.moderation.models import REPORT_REASONS
from market.moderation.rules import ACTIONS, TARGET_TYPES, report_text_required

TEXT_LIMIT = 2000


class ConfirmForm(BaseForm):
    """A decision without a text (approve, verify): only the CSRF token."""


class RejectForm(BaseForm):
    reason = TextAreaField(_l("Raison du refus"), validators=[
        DataRequired(_l("Indiquez la raison du refus.")), Length(max=TEXT_LIMIT)])


class ChangesForm(BaseForm):
    note = TextAreaField(_l("Modifications attendues"), validators=[
        DataRequired(_l("Indiquez les modifications attendues.")), Length(max=TEXT_LIMIT)])


class SuspendForm(BaseForm):
    reason = TextAreaField(_l("Raison de la suspension"), validators=[
        DataRequired(_l("Indiquez la raison de la suspension.")), Length(max=TEXT_LIMIT)])


class ReinstateForm(BaseForm):
    reason = TextAreaField(_l("Commentaire (facultatif)"), validators=[Optional(), Length(max=TEXT_LIMIT)])


class ReportForm(BaseForm):
    reason = RadioField(_l("Motif du signalement"), choices=choices("report_reason", REPORT_REASONS),
                        validators=[DataRequired(_l("Choisissez le motif du signalement."))])
    text = TextAreaField(_l("Précisions"), validators=[Length(max=TEXT_LIMIT)])

    def validate_text(self, field):
        if report_text_required(self.reason.data) and not (field.data or "").strip():
            raise ValidationError(_l("Expliquez en quelques mots ce qui ne va pas (obligatoire pour le motif « Autre »)."))


class ReportDecisionForm(BaseForm):
    note = TextAreaField(_l("Explication de la décision"), validators=[Length(max=TEXT_LIMIT)])
    decision = StringField(validators=[AnyOf(("uphold", "dismiss"), message=_l("Choisissez une décision."))])

    def validate_note(self, field):
        if self.decision.data == "uphold" and not (field.data or "").strip():
            raise ValidationError(_l("Expliquez pourquoi le contenu est retiré : le message est transmis à son propriétaire."))


def _known(f) -> str:
    return f.data if f.data in {code for code, _text in f.choices} else ""


def _with_all(label, pairs):
    return [("", label)] + [(code, text) for code, text in pairs]  # lazy: translated at rendering


class OrganizationFilterForm(Form):
    q = SearchField(_l("Nom, e-mail, SIRET ou RNA"), validators=[Optional(), Length(max=120)])
    status = SelectField(_l("Statut"), choices=_with_all(_l("Tous les statuts"), choices("org_status", ORG_STATUSES)),
                         validate_choice=False)

    def clean(self) -> dict:
        return {"q": (self.q.data or "").strip(), "status": self.status.data if self.status.data in ORG_STATUSES else ""}


class UserFilterForm(Form):
    q = SearchField(_l("Nom ou adresse e-mail"), validators=[Optional(), Length(max=120)])
    status = SelectField(_l("Statut"), validate_choice=False, choices=[
        ("", _l("Tous les comptes")), ("active", _l("Actifs")), ("suspended", _l("Suspendus")),
        ("unconfirmed", _l("Adresse non confirmée"))])

    def clean(self) -> dict:
        return {"q": (self.q.data or "").strip(), "status": self.status.data if self.status.data in USER_STATUSES else ""}


class AuditFilterForm(Form):
    action = SelectField(_l("Décision"), choices=_with_all(_l("Toutes les décisions"), ACTIONS.items()),
                         validate_choice=False)
    actor = SelectField(_l("Coordinateur ou coordinatrice"), validate_choice=False)
    target_type = SelectField(_l("Type de contenu"), choices=_with_all(_l("Tous les types"), TARGET_TYPES.items()),
                              validate_choice=False)
    start = DayField(_l("Du"), validators=[Optional()])
    end = DayField(_l("Au"), validators=[Optional()])

    def set_actors(self, users) -> None:
        self.actor.choices = ([("", _l("Toutes les personnes")), ("system", _l("Automatique (signalements)"))]
                              + [(str(u.id), u.display_name) for u in users])

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("La date de fin doit suivre la date de début."))

    def clean(self) -> dict:
        """The valid filters only: an unknown value is ignored, not an error."""
        filters = {name: _known(getattr(self, name)) for name in ("action", "actor", "target_type")}
        if not self.start.errors:
            filters["start"] = self.start.data
        if not self.end.errors:
            filters["end"] = self.end.data
        return {k: v for k, v in filters.items() if v}
