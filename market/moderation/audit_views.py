"""The audit log of every moderation decision: filters, pages, CSV export."""

from flask import current_app, render_template, request

from market.extensions import db
from market.spreadsheet import csv_response
from market.moderation import queries
from market.moderation.blueprint import bp, coordinator_required, page_number
from market.moderation.forms import AuditFilterForm
from market.moderation.rules import action_label

CSV_MAX_ROWS = 50_000


def _filters():
    form = AuditFilterForm(request.args)
    form.set_actors(queries.audit_actors())
    form.validate()
    return form, form.clean()


def _args(filters) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items()}


@bp.get("/journal/")
@coordinator_required
def audit():
    form, filters = _filters()
    pagination = db.paginate(queries.audit_entries(filters), page=page_number(),
                             per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("moderation/audit.html", form=form, pagination=pagination, args=_args(filters))


@bp.get("/journal.csv")
@coordinator_required
def audit_csv():
    _form, filters = _filters()
    header = ["date", "action", "decision", "par", "e-mail", "type", "id", "contenu", "raison"]
    return csv_response("journal-moderation.csv", header, (_audit_row(entry) for entry in db.session.scalars(
        queries.audit_entries(filters).limit(CSV_MAX_ROWS))))


def _audit_row(entry):
    actor = entry.actor
    return (entry.created_at.astimezone(queries.PARIS).isoformat(timespec="seconds"), entry.action,
            action_label(entry.action), actor.display_name if actor else "", actor.email if actor else "",
            entry.target_type, entry.target_id, entry.target_label, entry.reason)
