"""Taking a picture in: bounded read, type from the bytes, decoded and re-encoded by Pillow (no EXIF), thumbnail."""
import io
import secrets
import warnings

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from market.extensions import db
from market.uploads import rules
from market.uploads.models import Upload
from market.uploads.storage import storage


class UploadRefused(ValueError):
    """A file we do not keep; the message is a sentence for the person."""


def read_bounded(file, limit: int) -> bytes:
    """At most `limit` bytes of an uploaded file; UploadRefused when it holds more."""
    name = getattr(file, "filename", "") or _("sans nom")
    data = file.read(limit + 1) if hasattr(file, "read") else file.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(_("La photo « %(name)s » est trop lourde : %(max)s Mo au plus.",
                              name=name, max=rules.megabytes(limit)))
    if not data:
        raise UploadRefused(_("Le fichier « %(name)s » est vide.", name=name))
    return data


def encode(data: bytes, name: str = "") -> tuple[bytes, bytes, int, int]:
    """(picture as JPEG, thumbnail as JPEG, width, height): everything but the pixels is dropped (EXIF, GPS)."""
    name = name or _("sans nom")
    if rules.sniff(data[:16]) is None:
        raise UploadRefused(_("« %(name)s » n'est pas une photo (JPEG, PNG, GIF ou WebP), quel que soit son nom.",
                              name=name))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > rules.MAX_PIXELS:
                    raise UploadRefused(_("La photo « %(name)s » a trop de pixels.", name=name))
                image.load()  # a truncated file fails here
                image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then forget EXIF
                image = image.convert("RGB")
    except UploadRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise UploadRefused(_("La photo « %(name)s » est abîmée ou incomplète : elle n'a pas pu être lue.",
                              name=name)) from None
    picture = image.resize(rules.fit(*image.size, rules.MAX_SIDE), Image.LANCZOS)
    thumb = image.resize(rules.fit(*image.size, rules.THUMB_SIDE), Image.LANCZOS)
    return _jpeg(picture), _jpeg(thumb), picture.width, picture.height


def _jpeg(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)  # no exif= given: none written
    return out.getvalue()


def check_image(file) -> tuple[bytes, bytes, int, int, str]:
    """Read and re-encode one uploaded file without storing it (a form checks all photos first)."""
    data = read_bounded(file, current_app.config["UPLOAD_MAX_BYTES"])
    name = (getattr(file, "filename", "") or "")[:200]
    return (*encode(data, name), name)


def store_image(actor, checked) -> Upload:
    """Store what check_image returned; flushes the Upload row."""
    picture, thumb, width, height, name = checked
    token = secrets.token_hex(16)
    key, thumb_key = f"{token[:2]}/{token}.jpg", f"{token[:2]}/{token}-t.jpg"
    store = storage()
    store.save(key, picture)
    store.save(thumb_key, thumb)
    upload = Upload(key=key, thumb_key=thumb_key, content_type="image/jpeg", width=width, height=height,
                    size_bytes=len(picture), original_name=name, owner_id=getattr(actor, "id", None))
    db.session.add(upload)
    db.session.flush()
    return upload
