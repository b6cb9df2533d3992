"""Messages as people typed them: escaped, with http(s) links made clickable, never any user HTML."""
import re

from markupsafe import Markup, escape

# http or https only; stops at whitespace, quotes and angle brackets. Trailing punctuation is
# left out of the link ("voir https://exemple.org." links to https://exemple.org).
URL = re.compile(r"\bhttps?://[^\s<>\"'`\x00-\x1f\x7f]{1,2000}", re.IGNORECASE)
TRAILING = ".,;:!?)]}»"


def _link(url: str) -> Markup:
    return Markup('<a href="{0}" rel="nofollow noopener noreferrer">{0}</a>').format(url)


def _split_trailing(url: str) -> tuple[str, str]:
    tail = ""
    while url and url[-1] in TRAILING:
        if url[-1] == ")" and url.count("(") > url.count(")") - 1:
            break  # keep the parenthesis of https://fr.wikipedia.org/wiki/Vichy_(Allier)
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def linkify(text: str) -> Markup:
    """Escape every character of `text`, then turn http(s) URLs into links; newlines become <br>."""
    out, pos = [], 0
    for match in URL.finditer(text or ""):
        url, tail = _split_trailing(match.group(0))
        if "://" not in url or url.endswith("://"):
            continue
        out.append(escape(text[pos:match.start()]))
        out.append(_link(url))  # Markup.format escapes the URL in both places
        out.append(escape(tail))
        pos = match.end()
    out.append(escape((text or "")[pos:]))
    return Markup("").join(out).replace("\n", Markup("<br>\n"))
