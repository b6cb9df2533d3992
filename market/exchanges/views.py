"""Pages of exchanges: the hub and conversations; bookings, loans, agreements and history live in *_views.py."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.exchanges import conversations, permissions
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.blueprint import acting_organization, bp, visible_listing
from market.refusals import refused
from market.exchanges.forms import (ContactForm, MessageForm, ReportDecisionForm, ReportMessageForm,
                                    acting_choices)
from market.exchanges.models import Agreement, Booking, Conversation, Loan, Message, MessageReport
from market.extensions import db

from market.exchanges import agreement_views, booking_views, history_views, loan_views  # noqa: F401,E402  (routes)


@bp.get("/conversations/")
@login_required
def inbox():
    items = db.session.scalars(conversations.conversations_for(current_user)).all()
    unread = conversations.unread_counts(current_user, items)
    return render_template("exchanges/inbox.html", items=items, unread=unread)


@bp.route("/conversations/nouvelle/<int:listing_id>", methods=["GET", "POST"])
@login_required
def contact(listing_id):
    listing = visible_listing(listing_id)
    if not permissions.can_contact(current_user, listing):
        abort(403)
    form = ContactForm()
    form.organization.choices = acting_choices(current_user)
    if request.method == "GET":
        form.organization.data = form.organization.choices[0][0]
        existing = conversations.find_conversation(listing, current_user, acting_organization(form, current_user))
        if existing is not None:
            return redirect(existing.url)
    if form.validate_on_submit():
        try:
            conversation = conversations.start_conversation(current_user, listing, acting_organization(form, current_user))
            conversations.post_message(current_user, conversation, form.body.data)
        except NotAllowed:
            abort(403)
        except ExchangeRefused as exc:
            refused(exc)
            return redirect(request.url)
        db.session.commit()
        flash(_("Message envoyé à %(name)s.", name=conversation.side_name("owner")), "success")
        return redirect(conversation.url)
    return render_template("exchanges/contact.html", form=form, listing=listing)


def _conversation_or_404(conversation_id) -> Conversation:
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None or not permissions.can_read(current_user, conversation):
        abort(404)  # coordinators included: they only ever see reported messages
    return conversation


def _linked(model, conversation):
    return db.session.scalars(sa.select(model).where(model.conversation_id == conversation.id)
                              .order_by(model.id.desc())).all()


@bp.get("/conversations/<int:conversation_id>")
@login_required
def conversation(conversation_id):
    conv = _conversation_or_404(conversation_id)
    unread = conversations.unread_counts(current_user, [conv]).get(conv.id, 0)
    conversations.mark_read(current_user, conv)
    conversations.mark_notices_read(current_user, conv)
    db.session.commit()
    return render_template("exchanges/conversation.html", conversation=conv, form=MessageForm(), unread=unread,
                           side=permissions.side_of(current_user, conv), bookings=_linked(Booking, conv),
                           loans=_linked(Loan, conv), agreements=_linked(Agreement, conv), permissions=permissions)


@bp.post("/conversations/<int:conversation_id>/messages")
@login_required
def post(conversation_id):
    conv = _conversation_or_404(conversation_id)
    form = MessageForm()
    if not form.validate_on_submit():
        # the draft kept by static/js/drafts.js puts the text back in the box
        flash(str(form.body.errors[0]) if form.body.errors else _("Écrivez votre message."), "error")
        return redirect(conv.url)
    try:
        message = conversations.post_message(current_user, conv, form.body.data)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(conv.url)
    db.session.commit()
    return redirect(url_for("exchanges.conversation", conversation_id=conv.id, _anchor=f"message-{message.id}"))


@bp.route("/conversations/messages/<int:message_id>/signaler", methods=["GET", "POST"])
@login_required
def report(message_id):
    message = db.session.get(Message, message_id)
    if message is None or not permissions.can_read(current_user, message.conversation):
        abort(404)
    if not permissions.can_report(current_user, message):
        abort(403)
    form = ReportMessageForm()
    if form.validate_on_submit():
        try:
            conversations.report_message(current_user, message, form.reason.data)
        except ExchangeRefused as exc:
            refused(exc)
            return redirect(message.conversation.url)
        db.session.commit()
        flash(_("Merci : l'équipe de coordination va examiner ce message. "
                "Elle ne voit que lui, pas le reste de la conversation."), "success")
        return redirect(message.conversation.url)
    return render_template("exchanges/report.html", form=form, message=message)


@bp.get("/conversations/signalements")
@login_required
def reports():
    if not permissions.can_moderate_messages(current_user):
        abort(403)
    return render_template("exchanges/reports.html", reports=conversations.open_reports(), form=ReportDecisionForm())


@bp.post("/conversations/signalements/<int:report_id>")
@login_required
def decide(report_id):
    if not permissions.can_moderate_messages(current_user):
        abort(403)
    report = db.get_or_404(MessageReport, report_id)
    form = ReportDecisionForm()
    if not form.validate_on_submit():
        flash(_("Choisissez une décision."), "error")
        return redirect(url_for("exchanges.reports"))
    try:
        conversations.decide_report(current_user, report, form.decision.data == "hide", form.note.data)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(url_for("exchanges.reports"))
    db.session.commit()
    flash(_("Message masqué.") if report.status == "hidden" else _("Signalement classé sans suite."), "success")
    return redirect(url_for("exchanges.reports"))
