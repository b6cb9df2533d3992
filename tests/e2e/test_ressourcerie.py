"""On a phone, a mutual gives laptops with a photo; an association reserves two, shows its code, and the kilos count."""
import re

from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, go, log_in, send
from tests.factories import jpeg_bytes


def test_give_reserve_hand_over_by_code_and_see_the_impact(new_page, tmp_path):
    net = seed_network()
    fake, photo = tmp_path / "portable.jpg", tmp_path / "portables.jpg"
    fake.write_text("Ceci est une liste de courses, pas une photo.\n")
    photo.write_bytes(jpeg_bytes(size=(900, 600)))

    giver = log_in(new_page("phone"), net.cinema_admin.email)
    go(giver, "/ressourcerie/donner")
    giver.get_by_label(re.compile("^Titre du lot")).fill("6 ordinateurs portables")
    giver.get_by_label(re.compile("^Catégorie")).select_option("informatique")
    giver.get_by_label(re.compile("^Nombre d'articles")).fill("6")
    giver.get_by_label(re.compile("^Commune du retrait")).fill("Vichy (03200)")
    giver.get_by_label(re.compile("^Photos")).set_input_files(str(fake))
    send(giver, "Publier le lot")
    expect(giver.locator("#photos-error")).to_contain_text("n'est pas une photo")
    expect(giver.get_by_label(re.compile("^Titre du lot"))).to_have_value("6 ordinateurs portables")  # kept
    giver.get_by_label(re.compile("^Photos")).set_input_files(str(photo))
    send(giver, "Publier le lot")
    expect(flash(giver)).to_contain_text("Votre lot est en ligne")
    expect(giver.get_by_role("heading", level=1)).to_have_text("6 ordinateurs portables")
    expect(giver.get_by_role("img", name="Photo 1 du lot")).to_be_visible()
    batch_url = giver.url

    receiver = log_in(new_page("phone"), net.league_admin.email)
    go(receiver, batch_url)
    receiver.get_by_label(re.compile("^Nombre d'articles")).fill("2")
    send(receiver, "Réserver")
    expect(flash(receiver)).to_contain_text("C'est réservé")
    code = receiver.locator(".pickup-code strong").inner_text()
    assert re.fullmatch(r"\d{6}", code)

    go(giver, batch_url)
    giver.get_by_label(re.compile("^Code de retrait")).fill(code)
    send(giver, "Enregistrer la remise")
    expect(flash(giver)).to_contain_text("Remise enregistrée : 2 article(s) pour Ligue de l'enseignement du Bassin")

    go(receiver, "/ressourcerie/impact")
    expect(receiver.locator("#impact-items")).to_have_text("2")
    expect(receiver.locator("#impact-kg")).to_have_text("5,0 kg")
