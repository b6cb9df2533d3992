"""Pure rules of limited places: what fits, and who in the waiting list gets freed places."""


def free(capacity: int, taken: int) -> int:
    return max(capacity - taken, 0)


def fits(capacity: int, taken: int, quantity: int) -> bool:
    return quantity >= 1 and taken + quantity <= capacity


def offer_order(waiting: list[tuple[int, int]], free_places: int) -> list[int]:
    """Ids of the waiting (id, quantity) pairs, in line order, that the free places can serve.

    Whoever asks for more than is free keeps their rank while smaller asks behind them are
    served: a member waiting for ten laptops does not block one who needs a single chair.
    """
    chosen = []
    for hold_id, quantity in waiting:
        if 1 <= quantity <= free_places:
            chosen.append(hold_id)
            free_places -= quantity
    return chosen
