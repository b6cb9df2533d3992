"""Small helpers of the moderation tests."""
import html


def text(response) -> str:
    """The page as a person reads it: entities such as &#39; decoded."""
    return html.unescape(response.get_data(as_text=True))
