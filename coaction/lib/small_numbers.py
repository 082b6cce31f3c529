"""The small-numbers rule (DESIGN.md, "Small numbers"), defined once for every module."""

SMALL_NUMBER_THRESHOLD = 5
FEWER_THAN = "fewer than 5"


def suppress_small(count: int, threshold: int = SMALL_NUMBER_THRESHOLD) -> int | None:
    """A count as an aggregate or public view may show it. Counts from 1 to threshold - 1 are
    withheld (None; views show "fewer than 5") so nobody can be picked out of a small group.
    Zero is shown: knowing that nobody in a group is counted identifies no one, and an empty
    group is often the finding itself (no funding reached a by-and-for organisation, no
    service speaks a language). Counts at or above the threshold are shown as they are; a
    negative count raises ValueError. After ONS statistical disclosure practice."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    if 0 < count < threshold:
        return None
    return count
