"""NUL bytes in any form: the form comes back with what was typed (NUL removed) and one message on the field,
never the "page opened long ago" 400, never a NUL stored (PostgreSQL refuses it)."""
from hypothesis import given, strategies as st

from tests.hardening.conftest import FEW, assert_one_message_per_field, text_forms
from tests.security.helpers import call, sign_in
from tests.security.test_form_input import _stored_nul

WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)


@FEW
@given(before=WORDS, after=WORDS, which=st.integers(min_value=0, max_value=6))
def test_nul_in_any_text_field_keeps_the_form_and_says_it(client, world, before, after, which):
    who, url, data, _name, field_id = text_forms(world, f"{before}\x00{after}")[which]
    sign_in(client, world[who])
    response = call(client, "POST", url, data)
    assert response.status_code == 200, (url, response.status_code)
    html = response.get_data(as_text=True)
    errors = assert_one_message_per_field(html)
    assert "caractère nul" in " ".join(errors.get(field_id, [])), (url, errors)
    assert "page ouverte depuis longtemps" not in html
    assert _stored_nul() == []


def test_nul_in_a_conversation_message_is_said_and_the_draft_script_is_there(people, browser):
    from flask import current_app
    from market.exchanges import conversations
    from market.extensions import db
    from tests.factories import make_listing
    with current_app.test_request_context():
        need = make_listing(people["actor"], people["theatre"], kind="need", category="skill",
                            skill_domain="communication", title="Affiche", terms="free")
        conv = conversations.start_conversation(people["owner"], need, people["centre"])
        conversations.post_message(people["owner"], conv, "Bonjour")
        db.session.commit()
    centre = browser(people["owner"])
    response = centre.post(f"/conversations/{conv.id}/messages", data={"body": "Merci\x00 beaucoup"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "caractère nul" in html
    assert "js/drafts.js" in html and f'data-draft="conversation-{conv.id}"' in html
