"""Actions the coordination may reserve to structures whose membership is paid: features declare the actions
they guard and ask before doing them; one feature (membership) answers. Without it, nothing is reserved.

A feature declares `register_action("listings.publish", _l("Publier une offre ou un besoin"))` when imported,
then calls `check("listings.publish", actor, organization)` in its service, which raises `Reserved` (a
PermissionError carrying the sentence to show) when the answer is no. The ground floor never imports the floors
above it: membership registers its answer with `set_check()`.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Action:
    key: str
    label: object  # lazy string, shown on the coordinators' settings page
    order: int = 100


class Reserved(PermissionError):
    """The action is reserved (to members whose fee is paid); `message` says so to the person."""

    def __init__(self, message: str, code: str = "membership_required"):
        super().__init__(message)
        self.message, self.code = message, code


_ACTIONS: dict[str, Action] = {}
_CHECKS: list[Callable] = []


def register_action(key: str, label, order: int = 100) -> Action:
    """Declare (or replace, by key) an action that the coordination may reserve."""
    action = Action(key, label, order)
    _ACTIONS[key] = action
    return action


def actions() -> list[Action]:
    return sorted(_ACTIONS.values(), key=lambda a: (a.order, a.key))


def set_check(check: Callable) -> None:
    """`check(action_key, user, organization)` returns None (allowed) or the sentence that refuses."""
    _CHECKS[:] = [check]


def refusal(action: str, user, organization) -> str | None:
    if action not in _ACTIONS:
        return None
    for check in _CHECKS:
        sentence = check(action, user, organization)
        if sentence:
            return str(sentence)
    return None


def check(action: str, user, organization) -> None:
    """Raise Reserved when the action is refused to `user` acting for `organization`."""
    sentence = refusal(action, user, organization)
    if sentence:
        raise Reserved(sentence)
