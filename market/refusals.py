"""A service's refusal shown to the person: its reasons flashed, or each next to the field to correct."""
from flask import flash

from market.extensions import db


def refused(exc) -> None:
    """Roll back what the service did and tell the person why, in their words (`exc.reasons`)."""
    db.session.rollback()
    for reason in exc.reasons:
        flash(reason, "error")


def show_refusal(form, exc) -> None:
    """Each reason next to the field to correct (so also in the error summary, linked to it); others on top."""
    for name, sentence in getattr(exc, "by_field", [(None, reason) for reason in exc.reasons]):
        field = getattr(form, name, None) if name else None
        if field is None:
            form.form_errors.append(sentence)
        else:
            field.errors = [*field.errors, sentence]
