"""Conversations: contact from a listing, plain-text messages with links, unread counts, reports, privacy."""
import sqlalchemy as sa

from market.exchanges import conversations
from market.exchanges.models import Conversation, Message, MessageReport
from market.extensions import db
from market.moderation.models import AuditEntry
from market.notifications.models import Notification, OutgoingEmail
from tests.exchanges.conftest import make_room
from tests.factories import make_listing, make_user


def _contact(browser_, listing, body, organization=""):
    return browser_.post(f"/conversations/nouvelle/{listing.id}", data={"organization": organization, "body": body})


def test_contact_opens_a_conversation_seen_by_every_member_of_the_organisation(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    theatre = browser(p["actor"])
    form = theatre.text(f"/conversations/nouvelle/{room.id}")
    assert "Compagnie du Petit Théâtre" in form and "À titre personnel" in form
    response = _contact(theatre, room, "Bonjour, la salle est-elle libre le 12 ?", p["theatre"].slug)
    assert response.status_code == 302
    conv = db.session.scalar(sa.select(Conversation))
    assert conv.owner_org == p["centre"] and conv.requester_org == p["theatre"]
    for user in (p["owner"], p["colleague"]):
        page = browser(user).text(f"/conversations/{conv.id}")
        assert "Bonjour, la salle est-elle libre le 12 ?" in page and "Conversation avec Compagnie du Petit Théâtre" in page
    # a second "Contacter" leads back to the same thread
    assert theatre.get(f"/conversations/nouvelle/{room.id}").headers["Location"].endswith(f"/conversations/{conv.id}")
    # each new message is notified (in-app, and an e-mail queued) to the other participants only
    notified = db.session.scalars(sa.select(Notification).where(Notification.kind == "exchange_message")).all()
    assert {n.user_id for n in notified} == {p["owner"].id, p["colleague"].id}
    assert all(n.url == f"/conversations/{conv.id}#message-1" for n in notified)
    queued = db.session.scalars(sa.select(OutgoingEmail).where(OutgoingEmail.template == "exchange_message")).all()
    assert len(queued) == 2 and queued[0].context["author"] == "Inès Théâtre"


def test_individual_volunteer_listing_talks_with_its_author(people, browser):
    p = people
    volunteer = make_user("benevole@example.org", "Bertrand Bénévole", volunteer=True)
    offer = make_listing(volunteer, None, category="skill", skill_domain="accounting", title="Aide à la comptabilité")
    offer.status = "published"  # a volunteer's listing waits for moderation: approved here
    db.session.commit()
    _contact(browser(p["actor"]), offer, "Pourriez-vous relire notre bilan ?")
    conv = db.session.scalar(sa.select(Conversation))
    assert conv.owner_user == volunteer and conv.owner_org is None
    assert "Pourriez-vous relire notre bilan ?" in browser(volunteer).text(f"/conversations/{conv.id}")
    assert browser(p["owner"]).get(f"/conversations/{conv.id}").status_code == 404


def test_messages_are_escaped_with_links_clickable_newest_last(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    theatre = browser(p["actor"])
    _contact(theatre, room, "Premier message")
    conv = db.session.scalar(sa.select(Conversation))
    theatre.post(f"/conversations/{conv.id}/messages",
                 data={"body": "<script>alert(1)</script> voir https://exemple.org/plan?a=1&b=2.\nmerci"})
    page = browser(p["owner"]).text(f"/conversations/{conv.id}")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://exemple.org/plan?a=1&amp;b=2" rel="nofollow noopener noreferrer">' in page
    assert page.index("Premier message") < page.index("&lt;script&gt;")
    assert theatre.post(f"/conversations/{conv.id}/messages", data={"body": "   "}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Message)) == 2


def test_unread_counts_per_participant(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    theatre, owner, colleague = browser(p["actor"]), browser(p["owner"]), browser(p["colleague"])
    _contact(theatre, room, "Un")
    conv = db.session.scalar(sa.select(Conversation))
    theatre.post(f"/conversations/{conv.id}/messages", data={"body": "Deux"})
    assert conversations.total_unread(p["owner"]) == 2 and conversations.total_unread(p["actor"]) == 0
    assert "2 non lus" in owner.text("/mon-espace")
    assert "2 messages non lus" in colleague.text("/conversations/")
    owner.get(f"/conversations/{conv.id}")  # reading marks it read, for this person only
    assert conversations.total_unread(p["owner"]) == 0 and conversations.total_unread(p["colleague"]) == 2
    owner.post(f"/conversations/{conv.id}/messages", data={"body": "Trois"})
    assert conversations.total_unread(p["actor"]) == 1 and conversations.total_unread(p["colleague"]) == 3
    assert "1 message non lu" in theatre.text("/conversations/")


def test_nobody_outside_the_conversation_reads_it_coordinators_included(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    _contact(browser(p["actor"]), room, "Message privé entre nos deux structures")
    conv = db.session.scalar(sa.select(Conversation))
    message = conv.messages[0]
    for user in (p["outsider"], p["coordinator"]):
        who = browser(user)
        assert who.get(f"/conversations/{conv.id}").status_code == 404
        assert who.post(f"/conversations/{conv.id}/messages", data={"body": "intrus"}).status_code == 404
        assert who.get(f"/conversations/messages/{message.id}/signaler").status_code == 404
        assert "Message privé" not in who.text("/conversations/")
    assert browser().get(f"/conversations/{conv.id}").status_code == 302  # to the login page
    # a coordinator sees no conversation at all while nothing is reported
    assert "Message privé" not in browser(p["coordinator"]).text("/conversations/signalements")


def test_reported_message_is_shown_alone_to_coordinators_who_hide_it(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    theatre, owner, coordinator = browser(p["actor"]), browser(p["owner"]), browser(p["coordinator"])
    _contact(theatre, room, "Bonjour, première prise de contact.")
    conv = db.session.scalar(sa.select(Conversation))
    theatre.post(f"/conversations/{conv.id}/messages", data={"body": "Message insultant"})
    bad = conv.messages[-1]
    assert owner.get(f"/conversations/messages/{bad.id}/signaler").status_code == 200
    assert theatre.get(f"/conversations/messages/{bad.id}/signaler").status_code == 403  # not one's own
    owner.post(f"/conversations/messages/{bad.id}/signaler", data={"reason": "Propos injurieux."})
    assert browser(p["outsider"]).get("/conversations/signalements").status_code == 403
    page = coordinator.text("/conversations/signalements")
    assert "Message insultant" in page and "Propos injurieux." in page
    assert "première prise de contact" not in page  # the rest of the conversation stays private
    assert coordinator.get(f"/conversations/{conv.id}").status_code == 404
    report = db.session.scalar(sa.select(MessageReport))
    coordinator.post(f"/conversations/signalements/{report.id}", data={"decision": "hide", "note": "Injure."})
    db.session.expire_all()
    assert report.status == "hidden" and bad.hidden_at is not None
    page = theatre.text(f"/conversations/{conv.id}")
    assert "Message insultant" not in page and "masqué par l'équipe de coordination" in page
    assert db.session.scalar(sa.select(AuditEntry.action)) == "message_hidden"
    assert "Aucun message signalé" in coordinator.text("/conversations/signalements")


def test_managers_cannot_contact_their_own_listing(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    assert browser(p["colleague"]).get(f"/conversations/nouvelle/{room.id}").status_code == 403
    assert "Contacter" not in browser(p["owner"]).text(f"/annonces/{room.id}")


def test_new_message_email_is_sent_by_the_notification_sender(people, browser, runner, outbox):
    p = people
    room = make_room(p["owner"], p["centre"])
    _contact(browser(p["actor"]), room, "Bonjour ! Notre fiche technique : https://exemple.org/fiche.pdf <merci>")
    result = runner.invoke(args=["market", "send-notifications", "--no-alerts"])
    assert result.exit_code == 0, result.output
    mails = outbox()
    assert sorted(m["To"] for m in mails) == ["centre@example.org", "collegue@example.org"]
    from tests.factories import body_text
    text = body_text(mails[0])
    assert "Inès Théâtre vous a écrit à propos de « Salle polyvalente des Ailes »" in text
    assert "https://exemple.org/fiche.pdf <merci>" in text and "/conversations/1#message-1" in text
    html = mails[0].get_body(preferencelist=("html",)).get_content()
    assert '<a href="https://exemple.org/fiche.pdf" rel="nofollow noopener noreferrer">' in html and "&lt;merci&gt;" in html
