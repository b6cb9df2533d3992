"""Photos: the type is read from the bytes, EXIF (and its GPS position) is gone, bad files get a clear word."""
import io

from PIL import Image
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

from market.extensions import db
from market.ressourcerie.models import Batch
from market.uploads.images import UploadRefused, check_image, encode
from market.uploads.rules import fit, sniff
from tests.factories import jpeg_bytes, photo_file

import pytest


def _gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Appareil Secret"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (46.0, 7.0, 30.0), "E", (3.0, 25.0, 10.0)  # near Vichy
    return exif.tobytes()


def test_a_jpeg_with_gps_in_its_exif_is_stored_without_any_exif():
    original = jpeg_bytes(size=(2400, 1200), exif=_gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the position is really there
    picture, thumb, width, height, _name = check_image(photo_file(original))
    for data in (picture, thumb):
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG" and len(image.getexif()) == 0 and b"Exif" not in data[:4096]
    assert (width, height) == (1600, 800)  # resized server-side
    assert max(Image.open(io.BytesIO(thumb)).size) == 400


def test_a_png_renamed_jpg_is_taken_for_what_it_is_and_re_encoded():
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 128, 0, 128)).save(out, "PNG")
    picture, *_rest = check_image(photo_file(out.getvalue(), filename="vue.jpg"))
    assert Image.open(io.BytesIO(picture)).format == "JPEG"


@pytest.mark.parametrize("data, words", [
    (b"Bonjour, ceci est un texte et non une photo.\n" * 20, "n'est pas une photo"),
    (jpeg_bytes(size=(300, 300))[:400], "abîmée ou incomplète"),
])
def test_a_text_renamed_jpg_and_a_truncated_jpeg_are_refused_with_a_clear_message(data, words):
    with pytest.raises(UploadRefused) as refused:
        check_image(photo_file(data, filename="photo.jpg"))
    assert words in str(refused.value) and "photo.jpg" in str(refused.value)


def test_sniff_and_fit():
    assert sniff(b"\xff\xd8\xff\xe0") == "image/jpeg" and sniff(b"GIF89a....") == "image/gif"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp" and sniff(b"%PDF-1.7") is None
    assert fit(3000, 1500, 1600) == (1600, 800) and fit(100, 50, 1600) == (100, 50)


def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 Mpx, a few kilobytes
    with pytest.raises(UploadRefused):
        encode(out.getvalue(), "bombe.png")


def _give_form(**overrides):
    data = {"organization": "mutuelle-des-sources", "title": "12 ordinateurs portables", "category": "informatique",
            "condition": "bon_etat", "quantity": "12", "commune": "Vichy", "hold_days": "7",
            "description": "Des portables de 2019."}
    data.update(overrides)
    return data


def test_a_20_mb_photo_is_refused_and_the_form_keeps_the_rest(network, browser):
    giver = browser(network["giver"])
    big = photo_file(b"\xff\xd8\xff" + b"\x00" * (20 * 1024 * 1024), filename="enorme.jpg")
    # encoded in memory: the test client's own temporary file for big bodies is never closed (a warning)
    boundary, body = encode_multipart(MultiDict([*_give_form().items(), ("photos", photo_file()), ("photos", big)]))
    response = giver.post("/ressourcerie/donner", data=body,
                          content_type=f"multipart/form-data; boundary={boundary}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "trop lourde" in page and "enorme.jpg" in page
    assert 'value="12 ordinateurs portables"' in page and "Des portables de 2019." in page
    assert 'aria-invalid="true"' in page and db.session.scalar(db.select(db.func.count(Batch.id))) == 0


def test_photos_are_stored_served_as_jpeg_and_a_missing_file_does_not_break_the_page(app, network, browser):
    giver = browser(network["giver"])
    response = giver.post("/ressourcerie/donner", data={**_give_form(), "photos": [photo_file(), photo_file()]},
                          content_type="multipart/form-data")
    assert response.status_code == 302
    batch = db.session.scalar(db.select(Batch))
    assert len(batch.photos) == 2
    served = browser().get(batch.photos[0].upload.thumb_url)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    from market.uploads.storage import storage
    storage().delete(batch.photos[0].upload.key)
    assert browser().get(batch.photos[0].upload.url).status_code == 404
    assert browser().get(batch.url).status_code == 200
    assert browser().get("/fichiers/../../etc/passwd").status_code == 404
