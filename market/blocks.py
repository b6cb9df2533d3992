"""Blocks a feature adds to another feature's page (beside a search of the listings), registered like the
panels of "Mon espace": the page walks them without importing their feature. A need's answers from other
services go through market/matching/elsewhere.py instead.

Slots: "search" (context: the listings' search filters, a dict).
"""
from dataclasses import dataclass
from typing import Callable

from flask import current_app

SLOTS = ("search",)


@dataclass(frozen=True)
class Block:
    """`context(subject)` returns the template's variables (as `block`), or None when it has nothing to show."""
    slot: str
    name: str
    template: str
    context: Callable[[object], dict | None]
    order: int = 100


_BLOCKS: dict[tuple[str, str], Block] = {}


def register_block(slot: str, name: str, template: str, context: Callable[[object], dict | None],
                   order: int = 100) -> Block:
    """Register (or replace, by slot and name: an app built twice registers once) a block."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot}")
    block = Block(slot, name, template, context, order)
    _BLOCKS[(slot, name)] = block
    return block


def blocks_for(slot: str, subject) -> list[tuple[str, dict]]:
    """(template, its context) of each block of `slot` that has something for `subject`, in order.
    A block that fails is left out (and logged): it never costs the page it is added to."""
    shown = []
    for block in sorted((b for b in _BLOCKS.values() if b.slot == slot), key=lambda b: (b.order, b.name)):
        try:
            context = block.context(subject)
        except Exception:  # noqa: BLE001 - someone else's block must not break this page
            current_app.logger.exception("block %s/%s failed", slot, block.name)
            continue
        if context is not None:
            shown.append((block.template, context))
    return shown
