"""Test data built through the real services, so tests exercise what users do."""
import email
import email.policy
import os
from datetime import date

from market.accounts.services import create_organization
from market.auth.services import register_user
from market.extensions import db
from market.listings.services import create_listing

PASSWORD = "un mot de passe solide"
VICHY, CUSSET, GANNAT = "03310", "03095", "03118"


def make_user(email="alice@example.org", name="Alice Martin", **kwargs):
    user = register_user(email, name, PASSWORD, **kwargs)
    db.session.commit()
    return user


def make_coordinator(email="coord@example.org"):
    return make_user(email, "Camille Coordination", coordinator=True)


def make_org(admin=None, name="Cinéma du Bourbonnais", status="verified", commune=VICHY, **values):
    from market import geo
    commune_obj = geo.get(commune)
    data = {"name": name, "legal_form": "association", "sectors": "culture; cinéma",
            "commune_code": commune, "postal_code": commune_obj.postal_code if commune_obj else "",
            "description": "Une association de cinéma de village."}
    data.update(values)
    org = create_organization(admin, data, status=status)
    db.session.commit()
    return org


def listing_values(**overrides):
    values = {"kind": "offer", "category": "equipment", "title": "Sonorisation portable 200 W",
              "description": "Une sono avec deux micros, prêtée pour vos manifestations.",
              "commune_code": VICHY, "terms": "loan", "price_cents": None, "quantity": 1,
              "available_from": None, "available_until": None, "tags": "sono; micro", "urgent": False}
    values.update(overrides)
    return values


def make_listing(author, organization, submit=True, expires_on=None, **overrides):
    listing = create_listing(author, organization, listing_values(**overrides), expires_on=expires_on, submit=submit)
    db.session.commit()
    return listing


def login(client, user_or_email, password=PASSWORD):
    address = getattr(user_or_email, "email", user_or_email)
    return client.post("/connexion", data={"email": address, "password": password})


def read_outbox(folder):
    if not os.path.isdir(folder):
        return []
    paths = sorted((os.path.join(folder, n) for n in os.listdir(folder)), key=os.path.getmtime)
    messages = []
    for path in paths:
        with open(path, "rb") as fh:
            messages.append(email.message_from_binary_file(fh, policy=email.policy.default))
    return messages


def body_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def confirmation_path(message) -> str:
    """The path of the sign-up confirmation link in an e-mail."""
    import re
    return re.search(r"https?://[^/\s]+(/inscription/confirmer/\S+)", body_text(message)).group(1)


TODAY = date.today()


def jpeg_bytes(size=(64, 48), color=(200, 80, 40), exif=None) -> bytes:
    import io

    from PIL import Image
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    image.save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def photo_file(data=None, filename="photo.jpg"):
    import io

    from werkzeug.datastructures import FileStorage
    return FileStorage(stream=io.BytesIO(jpeg_bytes() if data is None else data), filename=filename,
                       content_type="image/jpeg")


def batch_values(**overrides):
    values = {"title": "12 ordinateurs portables 14 pouces", "category": "informatique", "condition": "bon_etat",
              "description": "Portables de 2019, chargeurs fournis, disques effacés.", "quantity": 12,
              "unit_weight_g": None, "commune_code": VICHY, "address": "8 rue de la Mutualité",
              "pickup_windows": "mardi et jeudi de 14 h à 18 h", "hold_days": 7, "give_before": None,
              "max_per_member": None}
    values.update(overrides)
    return values


def make_batch(donor, organization=None, photos=1, **overrides):
    """A ressourcerie batch posted through the service, with `photos` small JPEGs."""
    from market.ressourcerie.services import give
    from market.uploads.images import check_image
    batch = give(donor, organization, batch_values(**overrides), [check_image(photo_file()) for _ in range(photos)])
    db.session.commit()
    return batch
