"""Figures of the observatory: each feature registers its own; the observatory walks them without importing them.

A figure's `rows(start, end)` returns the source records of the period as FigureRow values
(when it happened, in which commune, how much, and an optional category such as the type of
structure); the observatory adds them up by month, commune and category. A feature that has
not landed registers nothing, and its section is simply absent.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, NamedTuple

UNITS = ("count", "kg", "cents", "minutes")


class FigureRow(NamedTuple):
    at: datetime
    commune_code: str | None
    amount: int
    category: str | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    section: str             # a section key, see register_section
    label: object            # lazy string: "Offres publiées"
    rows: Callable[[datetime, datetime], Iterable[FigureRow]]
    unit: str = "count"
    category_label: object | None = None  # heading of the category table ("Type de structure")
    public: bool = True      # False: on the coordinators' dashboard only
    stock: bool = False      # True: rows are everything up to the end (a count "on the last day")
    order: int = 100


@dataclass(frozen=True)
class Section:
    key: str
    label: object
    order: int = 100


_FIGURES: dict[str, Figure] = {}
_SECTIONS: dict[str, Section] = {}


def register_section(key: str, label, order: int = 100) -> Section:
    section = Section(key, label, order)
    _SECTIONS[key] = section
    return section


def register_figure(key: str, section: str, label, rows, *, unit: str = "count", category_label=None,
                    public: bool = True, stock: bool = False, order: int = 100) -> Figure:
    """Register (or replace, by key: an app built twice registers once) a figure of the observatory."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    figure = Figure(key, section, label, rows, unit, category_label, public, stock, order)
    _FIGURES[key] = figure
    return figure


def sections(public_only: bool = True) -> list[tuple[Section, list[Figure]]]:
    """Sections in order, each with its figures in order; sections without figures are left out."""
    out = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        figures = sorted((f for f in _FIGURES.values() if f.section == section.key and (f.public or not public_only)),
                         key=lambda f: (f.order, f.key))
        if figures:
            out.append((section, figures))
    return out


def get(key: str) -> Figure | None:
    return _FIGURES.get(key)
