"""One written rule to split an amount of integer cents by weights: the largest remainder (Hamilton) method."""


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Split `total` cents in proportion to `weights`; the parts add up to `total` exactly.

    Each part first gets the whole cents of its exact share (rounded down); the cents left over go,
    one each, to the parts with the largest remainders, ties going to the earlier part. With equal
    weights the parts differ by at most one cent. Weights of zero get nothing (unless all are zero:
    then the split is equal). `total` and the weights must not be negative.
    """
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("a split takes a non-negative total and non-negative weights")
    if not weights:
        if total:
            raise ValueError("nobody to split a non-zero amount between")
        return []
    if sum(weights) == 0:
        weights = [1] * len(weights)
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(parts)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        parts[index] += 1
    return parts


def equal_split(total: int, count: int) -> list[int]:
    """`total` cents in `count` parts that differ by at most one cent."""
    return largest_remainder(total, [1] * count)
