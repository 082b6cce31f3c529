import math

import numpy as np

from coaction.lib.ranking import Ranking, fuse, ranks, ranks_of, reciprocal_rank, top


def test_it_fuses_by_reciprocal_rank_worked_by_hand() -> None:
    # k = 1: a is 1st and 2nd: 1/2 + 1/3 = 0.8333; b is 2nd and 1st: the same, but seen
    # later; c is 3rd in one list: 1/4.
    fused = fuse([Ranking(["a", "b", "c"]), Ranking(["b", "a"])], k=1)
    assert [item for item, _ in fused] == ["a", "b", "c"]
    assert fused[0][1] == fused[1][1] == 1 / 2 + 1 / 3
    assert fused[2][1] == 1 / 4


def test_it_weights_lists() -> None:
    fused = fuse([Ranking(["a"], weight=1.0), Ranking(["b"], weight=2.0)], k=0)
    assert fused == [("b", 2.0), ("a", 1.0)]


def test_it_adds_boosts_on_the_same_scale() -> None:
    fused = fuse([Ranking(["a", "b"])], k=1, boosts={"b": 0.5, "z": 0.1})
    assert fused == [("b", 1 / 3 + 0.5), ("a", 0.5), ("z", 0.1)]


def test_it_fuses_nothing_to_nothing() -> None:
    assert fuse([]) == []


def test_it_ranks_eligible_scores_highest_first_with_ties_in_index_order() -> None:
    scores = np.array([0.5, 0.9, 0.5, 0.1])
    eligible = np.array([True, True, True, False])
    assert ranks(scores, eligible).tolist() == [2.0, 1.0, 3.0, math.inf]


def test_it_ranks_nothing_eligible_as_all_infinite() -> None:
    assert ranks(np.array([1.0, 2.0]), np.array([False, False])).tolist() == [math.inf] * 2


def test_it_ranks_a_list_of_positions() -> None:
    assert ranks_of([2, 0], 4).tolist() == [2.0, math.inf, 1.0, math.inf]
    assert ranks_of([], 2).tolist() == [math.inf, math.inf]


def test_it_turns_ranks_into_reciprocal_scores_and_zero_for_unranked() -> None:
    scores = reciprocal_rank(np.array([1.0, math.inf, 3.0]), weight=2.0, k=1.0)
    assert scores.tolist() == [1.0, 0.0, 0.5]


def test_the_array_form_agrees_with_the_list_form() -> None:
    a = np.array([0.3, 0.9, 0.1, 0.7])
    b = np.array([0.8, 0.1, 0.2, 0.4])
    eligible = np.ones(4, dtype=bool)
    arrays = reciprocal_rank(ranks(a, eligible), weight=1.0, k=5) + reciprocal_rank(
        ranks(b, eligible), weight=0.5, k=5
    )
    lists = fuse(
        [
            Ranking([int(i) for i in np.argsort(-a, kind="stable")], 1.0),
            Ranking([int(i) for i in np.argsort(-b, kind="stable")], 0.5),
        ],
        k=5,
    )
    assert [item for item, _ in lists] == [int(i) for i in np.argsort(-arrays, kind="stable")]


def test_it_picks_the_top_eligible_items() -> None:
    scores = np.array([0.1, 0.9, 0.8, 0.95])
    eligible = np.array([True, True, True, False])
    assert top(scores, eligible, 2).tolist() == [1, 2]
    assert top(scores, eligible, 0).tolist() == []
