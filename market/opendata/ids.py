"""Stable HSDS identifiers (UUIDs, as HSDS requires) that encode our own keys and decode back."""
import re
import uuid

# One prefix per kind of record: e55a (ESS) then the kind, the row's key in the last 12 hex digits.
KINDS = {"organization": 1, "service": 2, "location": 3, "service_at_location": 4, "address": 5, "phone": 6,
         "identifier": 7, "commune": 8}
_PATTERN = re.compile(r"^e55a([0-9a-f]{4})-0000-4000-8000-([0-9a-f]{12})$")


def make(kind: str, key: int | str) -> str:
    """`key` is a row id, or for a commune its INSEE code (five characters, e.g. "2A004")."""
    number = int(key) if kind != "commune" else int.from_bytes(str(key).encode("ascii"), "big")
    return str(uuid.UUID(f"e55a{KINDS[kind]:04x}-0000-4000-8000-{number:012x}"))


def parse(kind: str, value: str) -> int | str | None:
    """The key behind an identifier of that kind, or None when it is not one of ours."""
    match = _PATTERN.match((value or "").strip().lower())
    if not match or int(match.group(1), 16) != KINDS[kind]:
        return None
    number = int(match.group(2), 16)
    if kind == "commune":
        return number.to_bytes(5, "big").decode("ascii", errors="replace")
    return number
