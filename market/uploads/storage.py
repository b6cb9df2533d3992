"""Where uploaded bytes live, behind one small interface: a folder under instance/ by default."""
import os
import re

from flask import current_app

KEY = re.compile(r"^[a-z0-9]{2}/[a-z0-9_-]{8,80}\.(jpg|png|webp|gif)$")


class Storage:
    """save(key, data), read(key) -> bytes | None, delete(key): any backend (a folder, an object store)."""

    def save(self, key: str, data: bytes) -> None:
        raise NotImplementedError

    def read(self, key: str) -> bytes | None:
        raise NotImplementedError

    def delete(self, key: str) -> None:
        raise NotImplementedError


class FolderStorage(Storage):
    """Files in a folder; keys are checked so that no key leaves it."""

    def __init__(self, root: str):
        self.root = root

    def _path(self, key: str) -> str:
        if not KEY.match(key or ""):
            raise KeyError(key)
        return os.path.join(self.root, *key.split("/"))

    def save(self, key, data):
        path = self._path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".part"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)

    def read(self, key):
        try:
            with open(self._path(key), "rb") as fh:
                return fh.read()
        except (KeyError, OSError):
            return None

    def delete(self, key):
        try:
            os.remove(self._path(key))
        except (KeyError, OSError):
            pass


def storage() -> Storage:
    """The configured storage (an app may put its own Storage in app.extensions["uploads_storage"])."""
    custom = current_app.extensions.get("uploads_storage")
    return custom or FolderStorage(current_app.config["UPLOADS_DIR"])
