"""Panels of "Mon espace": each feature registers one; the dashboard walks them without importing them."""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Panel:
    """`context(user)` returns the template's variables, or None when the panel has nothing to show."""
    name: str
    template: str
    context: Callable[[object], dict | None]
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, template: str, context: Callable[[object], dict | None], order: int = 100) -> Panel:
    """Register (or replace, by name: an app built twice registers once) a panel of "Mon espace"."""
    panel = Panel(name, template, context, order)
    _PANELS[name] = panel
    return panel


def panels_for(user) -> list[tuple[Panel, dict]]:
    """The panels that have something for `user`, in order, each with its template context."""
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(user)
        if context is not None:
            shown.append((panel, context))
    return shown
