"""Sections other features add to the newsletter (the agenda's next dates, new ressourcerie batches…).

The digest module walks them without importing the features: `collect` picks the keys of a section
for one person when the letter is prepared (stored with the e-mail, so JSON: ids or strings),
`expand` turns the keys back into objects when it is written, leaving out what is gone.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class DigestSection:
    name: str
    collect: Callable  # (user, since, until) -> list of keys
    expand: Callable  # (keys) -> list of objects for the templates
    html: str  # template included with `items`
    text: str
    news: bool = True  # False: shown when a letter goes out, never the reason to send one
    order: int = 100


_SECTIONS: dict[str, DigestSection] = {}


def register_digest_section(section: DigestSection) -> None:
    """Register (or replace, by name: an app built twice registers once)."""
    _SECTIONS[section.name] = section


def digest_sections() -> list[DigestSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.name))
