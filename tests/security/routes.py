"""Every route of the app, from `app.url_map`, with the access decision taken for it.

A route missing from ACCESS fails `test_access.py::test_every_route_has_an_access_decision`:
whoever adds a route decides here who may use it.
"""
PUBLIC, LOGIN, COORDINATOR, TOKEN = "public", "login", "coordinator", "token"
BEARER = "bearer"  # the API with a personal access token: a 401 without one, whatever the cookies say
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}

ACCESS = {
    "static": PUBLIC,
    # pages anyone may read or use
    "main.home": PUBLIC, "main.accessibility": PUBLIC, "main.charter": PUBLIC, "main.set_language": PUBLIC,
    "listings.browse": PUBLIC, "listings.show": PUBLIC,
    "directory.index": PUBLIC, "directory.show": PUBLIC,
    "auth.signup": PUBLIC, "auth.signup_sent": PUBLIC, "auth.login": PUBLIC, "auth.forgot": PUBLIC,
    "accounts.volunteer": PUBLIC,  # the volunteer sign-up form; the profile once logged in
    # the read-only API answers everyone alike
    "api.communes": PUBLIC, "api.listings": PUBLIC, "api.listing": PUBLIC, "api.organizations": PUBLIC,
    "api.organization": PUBLIC, "api.openapi_document": PUBLIC, "matching.api_matches": PUBLIC,
    "matching.listing_matches": PUBLIC,
    # open data: only what the public sees, for anyone who builds on it (market/opendata)
    **{f"opendata.{name}": PUBLIC for name in (
        "page", "feed", "export_gogocarto", "export_listings_csv", "export_listings_json",
        "export_organizations_csv", "export_organizations_json", "hsds_root", "hsds_organizations",
        "hsds_organization", "hsds_services", "hsds_service", "hsds_service_at_locations",
        "hsds_service_at_location")},
    # the observatory: public figures, and the coordinators' dashboard below
    "observatory.public": PUBLIC, "observatory.public_csv": PUBLIC,
    # the secret in the URL is the credential
    "auth.reset": TOKEN, "auth.confirm": TOKEN, "exchanges.ical_feed": TOKEN, "notifications.unsubscribe": TOKEN,
    # members (what they may do to a given object is the core matrix, tests/test_permissions.py)
    "auth.logout": LOGIN, "auth.logout_everywhere": LOGIN, "accounts.dashboard": LOGIN, "accounts.org_new": LOGIN, "accounts.org_edit": LOGIN,
    "accounts.org_members": LOGIN, "accounts.member_role": LOGIN, "accounts.member_remove": LOGIN,
    "listings.new": LOGIN, "listings.edit": LOGIN, "listings.submit": LOGIN, "listings.close": LOGIN,
    "listings.repost": LOGIN,
    "moderation.report_listing": LOGIN, "moderation.report_organization": LOGIN,
    "exchanges.inbox": LOGIN, "exchanges.contact": LOGIN, "exchanges.conversation": LOGIN,
    "exchanges.post": LOGIN, "exchanges.report": LOGIN, "exchanges.hub": LOGIN,
    "exchanges.org_history": LOGIN, "exchanges.org_history_csv": LOGIN, "exchanges.org_feed": LOGIN,
    "exchanges.room_feed_renew": LOGIN, "exchanges.close_fulfilled": LOGIN,
    "exchanges.agreement_new": LOGIN, "exchanges.agreement": LOGIN, "exchanges.agreement_confirm": LOGIN,
    "exchanges.agreement_done": LOGIN, "exchanges.agreement_thanks": LOGIN, "exchanges.agreement_cancel": LOGIN,
    "exchanges.room": LOGIN, "exchanges.room_settings": LOGIN, "exchanges.booking": LOGIN,
    "exchanges.booking_accept": LOGIN, "exchanges.booking_decline": LOGIN, "exchanges.booking_cancel": LOGIN,
    "exchanges.item": LOGIN, "exchanges.loan": LOGIN, "exchanges.loan_accept": LOGIN,
    "exchanges.loan_decline": LOGIN, "exchanges.loan_cancel": LOGIN, "exchanges.loan_pick_up": LOGIN,
    "exchanges.loan_return": LOGIN,
    "notifications.index": LOGIN, "notifications.mark_all_read": LOGIN, "notifications.open_one": LOGIN,
    "notifications.preferences": LOGIN,
    "matching.mine": LOGIN, "matching.dismiss": LOGIN, "matching.saved_searches": LOGIN,
    "matching.save_search": LOGIN, "matching.update_search": LOGIN, "matching.delete_search": LOGIN,
    # the coordination team only
    "moderation.queue": COORDINATOR, "moderation.listing": COORDINATOR, "moderation.approve_listing": COORDINATOR,
    "moderation.request_changes": COORDINATOR, "moderation.reject_listing": COORDINATOR,
    "moderation.users": COORDINATOR, "moderation.user": COORDINATOR, "moderation.suspend_user": COORDINATOR,
    "moderation.reinstate_user": COORDINATOR, "moderation.audit": COORDINATOR, "moderation.audit_csv": COORDINATOR,
    "moderation.reports": COORDINATOR, "moderation.decide_listing_reports": COORDINATOR,
    "moderation.decide_organization_reports": COORDINATOR, "moderation.organizations": COORDINATOR,
    "moderation.organization": COORDINATOR, "moderation.verify_organization": COORDINATOR,
    "moderation.suspend_organization": COORDINATOR, "moderation.reinstate_organization": COORDINATOR,
    "exchanges.reports": COORDINATOR, "exchanges.decide": COORDINATOR,
    "notifications.digest_preview": COORDINATOR,
    "observatory.dashboard": COORDINATOR, "observatory.dashboard_csv": COORDINATOR,
    # purchasing (what a member may do to a given group: tests/purchasing/test_views.py)
    **{f"purchasing.{name}": LOGIN for name in (
        "index", "new", "show", "commit", "close", "cancel", "extend", "adjust", "order", "order_csv", "split_csv",
        "quote_new", "quote", "quote_register", "quote_offer", "quote_answer", "quote_cancel", "quote_csv")},
    # api (personal access tokens, market/tokens; the writing API, market/api)
    "tokens.index": LOGIN, "tokens.create": LOGIN, "tokens.revoke": LOGIN, "tokens.all_tokens": COORDINATOR,
    "api.docs": PUBLIC,
    **{f"api.{name}": BEARER for name in (
        "create_listing", "update_listing", "my_listing", "submit_listing", "close_listing", "repost_listing",
        "contact", "conversation", "post_message", "request_booking", "booking", "decide_booking",
        "request_loan", "loan", "decide_loan", "propose_agreement", "agreement", "decide_agreement",
        "saved_searches", "save_search", "delete_search", "dismiss",
        "purchases", "purchase", "purchase_amounts", "create_commitment", "purchase_commitment", "update_commitment",
        "withdraw_commitment", "interest_lists", "interest_list", "create_interest", "purchase_interest",
        "update_interest", "withdraw_interest", "answer_offer")},
    # ressourcerie (and the uploads it serves: random keys of pictures shown on public batches)
    "ressourcerie.catalogue": PUBLIC, "ressourcerie.batch": PUBLIC, "ressourcerie.impact": PUBLIC,
    "ressourcerie.impact_csv": PUBLIC, "uploads.serve": PUBLIC,
    "ressourcerie.give": LOGIN, "ressourcerie.reserve": LOGIN, "ressourcerie.by_code": LOGIN, "ressourcerie.cancel": LOGIN,
    "ressourcerie.confirm": LOGIN, "ressourcerie.hand_over": LOGIN, "ressourcerie.allocate": LOGIN,
    "ressourcerie.correct": LOGIN, "ressourcerie.close": LOGIN,
    "api.ressourcerie_batches": PUBLIC, "api.ressourcerie_batch": PUBLIC, "api.ressourcerie_impact": PUBLIC,
    **{f"api.ressourcerie_{name}": BEARER for name in (
        "give", "batch_reservations", "reserve", "my_reservations", "reservation", "decide", "hand_over",
        "hand_over_by_code", "handover", "correct")},
    # network
    "network.map_page": PUBLIC, "network.markers": PUBLIC, "network.agenda": PUBLIC, "network.month": PUBLIC,
    "network.ical_feed": PUBLIC, "network.meeting": PUBLIC,
    "network.place_edit": LOGIN, "network.meeting_new": LOGIN, "network.meeting_edit": LOGIN,
    "network.register": LOGIN, "network.unregister": LOGIN, "network.accept_place": LOGIN,
    "network.cancel": LOGIN, "network.minutes": LOGIN,
    "network.moderate": COORDINATOR,
    # events
    "events.index": PUBLIC, "events.show": PUBLIC,
    "events.new": LOGIN, "events.manage": LOGIN, "events.sign_up": LOGIN, "events.cancel": LOGIN,
    "events.confirm": LOGIN, "events.roster": LOGIN, "events.roster_csv": LOGIN, "events.message": LOGIN,
    "events.attendance": LOGIN, "events.mine": LOGIN, "events.org_hours": LOGIN, "events.org_hours_csv": LOGIN,
    "events.pool_search": LOGIN, "events.invite": LOGIN, "events.offer_need": LOGIN, "events.invitation": LOGIN,
    "events.accept_invitation": LOGIN, "events.decline_invitation": LOGIN, "events.volunteer_for": LOGIN,
    "events.near_me": LOGIN,
    "api.events": PUBLIC, "api.event": PUBLIC, "api.shift": PUBLIC,
    **{f"api.{name}": BEARER for name in ("sign_up", "signup", "my_signups", "decide_signup", "roster", "my_hours",
                                          "organization_hours")},
    # timebank
    "timebank.index": LOGIN, "timebank.new": LOGIN, "timebank.post": LOGIN, "timebank.close": LOGIN,
    "timebank.exchange": LOGIN, "timebank.act": LOGIN, "timebank.account": LOGIN,
    "timebank.coordination": COORDINATOR, "timebank.coordination_account": COORDINATOR,
    "timebank.correct": COORDINATOR,
    # membership: a structure's own page (members read, admins declare: tests/membership/test_pages.py);
    # the coordination's roster, schedule, payments, reminders and settings; the API read with a token
    "membership.organization": LOGIN, "membership.declare_size": LOGIN, "membership.sign_charter": LOGIN,
    **{f"membership.{name}": COORDINATOR for name in (
        "coordination", "fees", "payment", "cancel_payment", "payments_csv", "send_reminders", "requirements")},
    "api.my_memberships": BEARER,
    **{f"timebank.{name}": LOGIN for name in (
        "register_search", "my_skills", "withdraw_skill", "workshop_new", "workshop", "workshop_book", "seat_act",
        "workshop_attendance", "workshop_cancel", "contest_agreement")},
    **{f"timebank.{name}": COORDINATOR for name in ("referential", "referential_skill", "coordination_settings", "decide")},
    # the time bank's API: the referential is public, the rest needs a personal access token
    "api.skills_list": PUBLIC,
    **{f"api.{name}": BEARER for name in (
        "skills_register", "timebank_posts", "timebank_post_create", "timebank_post", "timebank_post_close",
        "timebank_request", "timebank_exchange", "timebank_exchange_cancel", "workshops_list", "workshop_create",
        "workshop", "workshop_cancel", "workshop_book", "workshop_seat", "workshop_seat_act", "timebank_account",
        "timebank_movements")},
}

# State-changing routes that accept a request without a CSRF token, and why.
CSRF_EXEMPT = {
    "notifications.unsubscribe": "RFC 8058 one-click unsubscribe: mail clients POST without a session; "
                                 "the signed token in the URL is the credential",
}


def rules(app):
    return [r for r in app.url_map.iter_rules()]


def methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def is_api(rule) -> bool:
    return rule.rule.startswith("/api/")


def url_args(world) -> dict:
    """Values for the URL arguments: real objects where the world has one, else an id nobody has."""
    return {"listing_id": world["published"].id, "other_id": world["theirs"].id, "slug": world["org"].slug,
            "user_id": world["owner"].id, "membership_id": world["membership"].id,
            "token": "not-a-valid-token", "conversation_id": 999_999, "filename": "css/app.css", "name": "offres",
            "batch_id": world["batch"].id, "reservation_id": world["reservation"].id, "key": world["upload"].key,
            "meeting_id": world["meeting"].id, "year": 2027,
            "event_id": world["event"].id, "shift_id": world["event"].shifts[0].id}


HSDS_KINDS = {"opendata.hsds_organization": "organization", "opendata.hsds_service": "service",
              "opendata.hsds_service_at_location": "service_at_location"}


def build(app, rule, world) -> str:
    known = url_args(world)
    if rule.endpoint in HSDS_KINDS:  # HSDS ids are UUIDs that encode our own ids
        from market.opendata import ids
        kind = HSDS_KINDS[rule.endpoint]
        known["hsds_id"] = ids.make(kind, world["org"].id if kind == "organization" else world["published"].id)
    values = {name: known.get(name, 999_999) for name in rule.arguments if name not in (rule.defaults or {})}
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        return adapter.build(rule.endpoint, values, force_external=False)


# Plausible form fields, so that a post reaches as far as it can (a decision, a reason, a text...).
FORM = {"reason": "fulfilled", "role": "member", "email": "x@example.org", "lang": "en", "next": "/",
        "title": "Un titre", "description": "Une description.", "text": "Un texte", "body": "Un message",
        "note": "Une note", "decision": "hide", "uphold": "1", "name": "Une structure"}
