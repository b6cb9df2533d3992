"""Pure rules of the ledger: balanced lines, reversal, limits."""


class Unbalanced(ValueError):
    """The lines of an entry do not sum to zero (or an entry has fewer than two lines)."""


def check_balanced(amounts: dict[int, int]) -> dict[int, int]:
    """{account_id: amount} without zero amounts, refused unless at least two lines summing to zero."""
    lines = {account: amount for account, amount in amounts.items() if amount}
    if len(lines) < 2 or sum(lines.values()) != 0:
        raise Unbalanced(lines)
    return lines


def transfer(source: int, target: int, amount: int) -> dict[int, int]:
    """The two lines of `amount` moved from `source` to `target`."""
    if amount <= 0 or source == target:
        raise Unbalanced({source: -amount, target: amount})
    return {source: -amount, target: amount}


def reversal(lines: list[tuple[int, int]]) -> dict[int, int]:
    """The lines that cancel an entry's lines [(account_id, amount), ...]."""
    out: dict[int, int] = {}
    for account, amount in lines:
        out[account] = out.get(account, 0) - amount
    return check_balanced(out)


def within(balance: int, floor: int | None, ceiling: int | None) -> bool:
    return (floor is None or balance >= floor) and (ceiling is None or balance <= ceiling)


def soft_warning(balance: int, soft_floor: int | None, soft_ceiling: int | None) -> str | None:
    """"low" below the soft floor, "high" above the soft ceiling, else None."""
    if soft_floor is not None and balance < soft_floor:
        return "low"
    if soft_ceiling is not None and balance > soft_ceiling:
        return "high"
    return None
