"""Batches beyond the ressourcerie: found by the listings' search, beside a need's matches, in the newsletter."""
from market.extensions import db
from tests.factories import CUSSET, body_text, make_batch, make_listing

TROYES = "10387"


def test_the_listings_search_shows_the_batches_its_words_find(network, browser):
    make_batch(network["giver"], network["mutual"], photos=0)
    make_batch(network["giver"], network["mutual"], photos=0, title="40 chaises empilables", category="mobilier",
               description="Chaises de réunion grises.")
    for words in ("ordinateur", "pc", "Ordinateurs", "ordi portable"):
        page = browser().text(f"/annonces/?q={words}")
        assert "Aussi à donner dans la ressourcerie : 1 lot" in page and "12 ordinateurs portables" in page, words
        assert "40 chaises" not in page
    assert "40 chaises empilables" in browser().text("/annonces/?q=chaise")
    assert "Aussi à donner" not in browser().text("/annonces/?q=ordinateur&kind=need")  # needs only: no gifts
    assert "Aussi à donner" not in browser().text("/annonces/?q=tondeuse")
    catalogue = browser().text("/ressourcerie/?q=pc")
    assert "12 ordinateurs portables" in catalogue and "40 chaises" not in catalogue


def test_a_need_sees_the_batches_that_answer_it_within_reach(network, browser):
    make_batch(network["giver"], network["mutual"], photos=0)
    near = make_listing(network["a"], network["a_org"], kind="need", title="Un PC portable pour la comptabilité",
                        commune_code=CUSSET, terms="free", tags="")
    far = make_listing(network["b"], network["b_org"], kind="need", title="Ordinateur pour notre local",
                       commune_code=TROYES, terms="free", tags="")
    chairs = make_listing(network["c"], network["c_org"], kind="need", title="Chaises pour la fête",
                          commune_code=CUSSET, terms="free", tags="")
    answers = browser().text(f"/annonces/{near.id}/correspondances?partiel=1")
    assert "Ailleurs sur la plateforme" in answers and ">Ressourcerie</span>" in answers
    assert "12 ordinateurs portables" in browser().text(f"/annonces/{near.id}/correspondances")
    for other in (far, chairs):
        assert ">Ressourcerie</span>" not in browser().text(f"/annonces/{other.id}/correspondances?partiel=1")


def test_the_newsletter_tells_of_new_batches_but_not_ones_own(network, runner, outbox):
    make_batch(network["giver"], network["mutual"], photos=0)
    db.session.commit()
    result = runner.invoke(args=["market", "send-digest", "--period", "weekly"])
    assert result.exit_code == 0, result.output
    letters = {m["To"]: body_text(m) for m in outbox()}
    anne = letters[network["a"].email]
    assert "À donner dans la ressourcerie" in anne and "12 ordinateurs portables 14 pouces" in anne
    assert "/ressourcerie/lots/" in anne
    assert "12 ordinateurs portables" not in letters.get(network["giver"].email, "")


def test_mes_correspondances_shows_the_batches_beside_the_need(network, browser):
    make_batch(network["giver"], network["mutual"], photos=0)
    make_listing(network["a"], network["a_org"], kind="need", title="Ordinateurs pour l'accueil",
                 commune_code=CUSSET, terms="free", tags="")
    page = browser(network["a"]).text("/correspondances")
    assert '<h4 class="suggestions__elsewhere">Ailleurs sur la plateforme</h4>' in page and "12 ordinateurs portables" in page


def test_a_search_shows_a_batch_given_after_it_and_no_longer_a_closed_one(network, browser):
    from market.ressourcerie.services import close
    assert "Aussi à donner" not in browser().text("/annonces/?q=ordinateur")  # its answer is now kept

    batch = make_batch(network["giver"], network["mutual"], photos=0)
    assert "Aussi à donner dans la ressourcerie : 1 lot" in browser().text("/annonces/?q=ordinateur")

    close(network["giver"], batch)
    db.session.commit()
    assert "Aussi à donner" not in browser().text("/annonces/?q=ordinateur")
