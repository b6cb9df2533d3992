"""The ressourcerie's panel of "Mon espace": reservations to collect or accept, items to hand over."""
from market.ressourcerie import permissions, queries
from market.ressourcerie.forms import ActionForm


def context(user) -> dict | None:
    if getattr(user, "id", None) is None:  # not a signed-in person
        return None
    reservations = queries.my_reservations(user)
    handovers = queries.to_hand_over(user)
    if not reservations and not handovers:
        return None
    return {"reservations": reservations, "handovers": handovers, "position": queries.waiting_position,
            "action_form": ActionForm(), "can": permissions.can}
