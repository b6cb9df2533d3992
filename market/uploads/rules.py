"""Pure rules of uploads: what a file is from its first bytes, how big a picture and its thumbnail may be."""

# (signature test, content type): the name and the browser's Content-Type are never trusted.
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
MAX_SIDE = 1600       # pixels of the stored picture's longer side
THUMB_SIDE = 400      # pixels of the thumbnail's longer side
MAX_PIXELS = 40_000_000  # refuse "decompression bombs" before decoding


def sniff(head: bytes) -> str | None:
    """The content type announced by the first bytes of a file, or None when it is no picture we take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def fit(width: int, height: int, side: int) -> tuple[int, int]:
    """The size that keeps the proportions with the longer side at most `side` (never enlarged)."""
    longer = max(width, height)
    if longer <= side:
        return width, height
    ratio = side / longer
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def megabytes(size: int) -> str:
    """'8' for 8 MiB, '0.5' for half of one: for messages."""
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}"
