"""The one safe-redirect rule for every `next`: a local path, or the default."""
from urllib.parse import urlsplit

MAX_NEXT = 2000


def safe_next(target: str | None, default: str) -> str:
    """Only local paths: refuse other hosts, schemes, '//', backslashes and control characters (CR/LF...)."""
    if not target:
        return default
    target = target.strip()
    if (len(target) > MAX_NEXT or not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(c) < 32 or ord(c) == 127 or c.isspace() for c in target)):
        return default
    try:
        parts = urlsplit(target)
    except ValueError:  # e.g. an unbalanced '[' read as an IPv6 host
        return default
    if parts.scheme or parts.netloc:
        return default
    return target
