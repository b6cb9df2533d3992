"""Conversations: open one about a listing, post and read messages, unread counts, report a message."""
import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from market.exchanges import notices, permissions
from market.exchanges.base import ExchangeRefused, NotAllowed, clean_text, required_text
from market.exchanges.models import Conversation, ConversationRead, Message, MessageReport
from market.extensions import db
from market.types import utcnow

MAX_MESSAGE = 5000


def find_conversation(listing, requester, organization) -> Conversation | None:
    """The thread of this person (or of their organisation) about this listing, if any."""
    stmt = sa.select(Conversation).where(Conversation.listing_id == listing.id)
    if organization is not None:
        stmt = stmt.where(Conversation.requester_org_id == organization.id)
    else:
        stmt = stmt.where(Conversation.requester_id == requester.id, Conversation.requester_org_id.is_(None))
    return db.session.scalars(stmt.order_by(Conversation.id)).first()


def start_conversation(actor, listing, organization=None) -> Conversation:
    """Open (or find again) the conversation between the actor and the listing's owner side."""
    if not permissions.can_contact(actor, listing) or not permissions.can_act_for(actor, organization):
        raise NotAllowed()
    existing = find_conversation(listing, actor, organization)
    if existing is not None:
        return existing
    now = utcnow()
    conversation = Conversation(listing=listing, owner_org=listing.organization,
                                owner_user=None if listing.organization else listing.author,
                                requester=actor, requester_org=organization, created_at=now, last_message_at=now)
    db.session.add(conversation)
    db.session.flush()
    return conversation


def post_message(actor, conversation, body: str) -> Message:
    if not permissions.can_write(actor, conversation):
        raise NotAllowed()
    body = required_text(body, _("Écrivez votre message."), MAX_MESSAGE)
    now = utcnow()
    message = Message(conversation=conversation, author=actor, body=body, created_at=now)
    db.session.add(message)
    conversation.last_message_at = now
    db.session.flush()
    mark_read(actor, conversation)
    notices.tell(conversation, ("owner", "requester"), "exchange_message",
                 _("Nouveau message de %(name)s : %(title)s", name=actor.display_name, title=conversation.listing.title),
                 url_for("exchanges.conversation", conversation_id=conversation.id, _anchor=f"message-{message.id}"),
                 actor=actor, body=body[:500], email_template="exchange_message",
                 context={"author": actor.display_name}, dedupe_key=f"exchange-message:{message.id}")
    return message


def mark_read(user, conversation) -> None:
    """Remember the last message this participant has seen (one upsert, safe with two open tabs)."""
    last = db.session.scalar(sa.select(sa.func.max(Message.id)).where(Message.conversation_id == conversation.id)) or 0
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = insert(ConversationRead).values(conversation_id=conversation.id, user_id=user.id,
                                           last_read_message_id=last, read_at=utcnow())
    stmt = stmt.on_conflict_do_update(index_elements=["conversation_id", "user_id"],
                                      set_={"last_read_message_id": stmt.excluded.last_read_message_id,
                                            "read_at": stmt.excluded.read_at})
    db.session.execute(stmt)


def mark_notices_read(user, conversation) -> int:
    """Once the person has seen the conversation, its "new message" notices are read too (the header's
    count of unread notifications drops); returns how many."""
    from market.notifications.models import Notification
    url = url_for("exchanges.conversation", conversation_id=conversation.id)
    stmt = (sa.update(Notification)
            .where(Notification.user_id == user.id, Notification.kind == "exchange_message",
                   Notification.read_at.is_(None), sa.or_(Notification.url == url, Notification.url.like(f"{url}#%")))
            .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return db.session.execute(stmt).rowcount


def participant_condition(user):
    """SQL: the conversations this person takes part in (directly or through an organisation)."""
    org_ids = [m.organization_id for m in user.memberships]
    return sa.or_(Conversation.owner_org_id.in_(org_ids), Conversation.owner_user_id == user.id,
                  Conversation.requester_id == user.id, Conversation.requester_org_id.in_(org_ids))


def conversations_for(user) -> sa.Select:
    return (sa.select(Conversation).where(participant_condition(user))
            .order_by(Conversation.last_message_at.desc(), Conversation.id.desc()))


def _unread_select(user):
    read = sa.orm.aliased(ConversationRead)
    return (sa.select(Message.conversation_id, sa.func.count(Message.id))
            .join(read, sa.and_(read.conversation_id == Message.conversation_id, read.user_id == user.id), isouter=True)
            .where(sa.or_(Message.author_id.is_(None), Message.author_id != user.id),
                   Message.id > sa.func.coalesce(read.last_read_message_id, 0))
            .group_by(Message.conversation_id))


def unread_counts(user, conversations) -> dict[int, int]:
    ids = [c.id for c in conversations]
    if not ids:
        return {}
    return dict(db.session.execute(_unread_select(user).where(Message.conversation_id.in_(ids))).all())


def total_unread(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    stmt = _unread_select(user).join(Conversation, Conversation.id == Message.conversation_id).where(
        participant_condition(user))
    return sum(count for _id, count in db.session.execute(stmt).all())


# Reports -------------------------------------------------------------------------------------------

def report_message(actor, message, reason: str) -> MessageReport:
    if not permissions.can_report(actor, message):
        raise NotAllowed()
    reason = required_text(reason, _("Expliquez en quelques mots ce qui ne va pas dans ce message."), 2000)
    if db.session.scalar(sa.select(MessageReport.id).where(MessageReport.message_id == message.id,
                                                           MessageReport.reporter_id == actor.id)):
        raise ExchangeRefused(_("Vous avez déjà signalé ce message : l'équipe de coordination va l'examiner."))
    report = MessageReport(message=message, reporter=actor, reason=reason, status="open", created_at=utcnow())
    db.session.add(report)
    db.session.flush()
    return report


def open_reports() -> list[MessageReport]:
    return list(db.session.scalars(sa.select(MessageReport).where(MessageReport.status == "open")
                                   .order_by(MessageReport.created_at, MessageReport.id)))


def decide_report(actor, report, hide: bool, note: str = "") -> MessageReport:
    """A coordinator hides the reported message (for everyone) or dismisses the report."""
    if not permissions.can_moderate_messages(actor):
        raise NotAllowed()
    if report.status != "open":
        raise ExchangeRefused(_("Ce signalement a déjà été traité."))
    now = utcnow()
    report.status = "hidden" if hide else "dismissed"
    report.resolved_at, report.resolved_by = now, actor
    if hide and report.message.hidden_at is None:
        report.message.hidden_at = now
    _audit(actor, report, clean_text(note, 2000))
    db.session.flush()
    return report


def _audit(actor, report, note: str) -> None:
    from market.moderation.models import AuditEntry
    action = "message_hidden" if report.status == "hidden" else "message_report_dismissed"
    db.session.add(AuditEntry(actor=actor, action=action,
                              target_type="message", target_id=report.message_id,
                              target_label=report.message.conversation.listing.title[:200], reason=note,
                              created_at=utcnow()))
