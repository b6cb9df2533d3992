"""Dates other features put in the network's agenda (members' public events): each registers a source."""
from dataclasses import dataclass
from datetime import datetime
from typing import Callable


@dataclass(frozen=True)
class AgendaItem:
    """A date shown with the network's meetings: the attributes the agenda's pages and feed read of a Meeting."""
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    url: str
    organiser_name: str
    venue: str = ""
    commune: object = None
    description: str = ""
    updated_at: datetime | None = None
    format: str = "event"
    status: str = "published"


_SOURCES: dict[str, Callable] = {}


def register_source(name: str, dates_between: Callable) -> None:
    """`dates_between(start, end)` returns the AgendaItems overlapping [start, end) (either bound may be None)."""
    _SOURCES[name] = dates_between


def items_between(start=None, end=None) -> list[AgendaItem]:
    return [item for source in _SOURCES.values() for item in source(start, end)]
