"""Demo batches of the ressourcerie, with pictures drawn by Pillow, and one reservation already held."""
import io

from PIL import Image, ImageDraw
from werkzeug.datastructures import FileStorage

from market.demo import data
from market.ressourcerie.services import give, reserve
from market.uploads.images import check_image


def _picture(color, index):
    image = Image.new("RGB", (800, 600), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((160 + 30 * index, 150, 640, 450), outline=(240, 240, 240), width=12)
    out = io.BytesIO()
    image.save(out, "JPEG")
    return FileStorage(stream=io.BytesIO(out.getvalue()), filename=f"photo-{index + 1}.jpg")


def load(admins: dict, organizations: dict) -> list:
    batches = []
    for spec in data.BATCHES:
        organization = organizations[spec["org"]]
        values = {"title": spec["title"], "description": spec["description"], "category": spec["category"],
                  "condition": spec["condition"], "quantity": spec["quantity"],
                  "unit_weight_g": spec.get("unit_weight_g"), "commune_code": organization.commune_code,
                  "address": spec.get("address", ""), "pickup_windows": spec.get("pickup_windows", ""),
                  "hold_days": 7, "give_before": None, "max_per_member": spec.get("max_per_member")}
        photos = [check_image(_picture(spec["color"], i)) for i in range(spec["photos"])]
        batches.append(give(admins[spec["org"]], organization, values, photos))
    reserve(admins["braille"], batches[0], 2, organizations["braille"])
    return batches
