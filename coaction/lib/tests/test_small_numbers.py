import pytest

from coaction.lib.small_numbers import suppress_small


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (1200, 1200)])
def test_it_withholds_counts_from_1_to_4(count: int, shown: int | None) -> None:
    assert suppress_small(count) == shown


def test_it_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress_small(-1)
