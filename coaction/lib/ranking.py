"""Rank fusion: combine several orderings of the same items into one.

Search has signals on different scales: BM25 scores from full-text search, cosine
similarities from embeddings (which for multilingual-e5 crowd into 0.8-0.95), and matches of
a survivor's need against how a service is tagged. Adding raw scores would let whichever scale
is widest win. Reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009) uses only
each item's position in each list: an item at rank r in a list of weight w earns w / (k + r).
A smaller k rewards the top of each list more sharply."""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

K = TypeVar("K", bound=Hashable)

DEFAULT_K = 60.0


@dataclass(frozen=True)
class Ranking:
    """Items best first, and how much this list counts."""

    items: Sequence[Hashable]
    weight: float = 1.0


def fuse(
    rankings: Sequence[Ranking],
    *,
    k: float = DEFAULT_K,
    boosts: Mapping[Hashable, float] | None = None,
) -> list[tuple[Hashable, float]]:
    """Items with their fused scores, best first. An item missing from a list earns nothing
    from it. `boosts` adds a fixed amount to an item, on the same scale (a boost of w / (k + 1)
    is worth being first in a list of weight w). Ties keep the order in which items were first
    seen, so the result is deterministic."""
    scores: dict[Hashable, float] = {}
    for ranking in rankings:
        for position, item in enumerate(ranking.items, start=1):
            scores[item] = scores.get(item, 0.0) + ranking.weight / (k + position)
    for item, boost in (boosts or {}).items():
        scores[item] = scores.get(item, 0.0) + boost
    order = sorted(enumerate(scores.items()), key=lambda pair: (-pair[1][1], pair[0]))
    return [(item, score) for _, (item, score) in order]


def ranks(scores: NDArray[np.floating], eligible: NDArray[np.bool_]) -> NDArray[np.float64]:
    """The 1-based rank of each eligible item by score, highest first, and infinity for items
    that are not eligible. Equal scores rank in index order."""
    result = np.full(scores.shape[0], np.inf)
    indices = np.flatnonzero(eligible)
    if indices.size:
        # A stable sort on the negated scores keeps index order among ties.
        order = indices[np.argsort(-scores[indices], kind="stable")]
        result[order] = np.arange(1, order.size + 1, dtype=np.float64)
    return result


def ranks_of(positions: Sequence[int], size: int) -> NDArray[np.float64]:
    """Ranks for a list of item positions given best first; infinity for items not listed."""
    result = np.full(size, np.inf)
    if positions:
        result[np.asarray(positions, dtype=np.int64)] = np.arange(
            1, len(positions) + 1, dtype=np.float64
        )
    return result


def reciprocal_rank(rank: NDArray[np.float64], *, weight: float, k: float) -> NDArray[np.float64]:
    """weight / (k + rank), and 0 where the rank is infinite (not in the list)."""
    return np.where(np.isfinite(rank), weight / (k + rank), 0.0)


def top(scores: NDArray[np.floating], eligible: NDArray[np.bool_], count: int) -> NDArray[np.intp]:
    """Indices of the `count` highest-scoring eligible items, best first, ties in index
    order."""
    indices = np.flatnonzero(eligible)
    if indices.size == 0 or count <= 0:
        return np.empty(0, dtype=np.intp)
    order = np.argsort(-scores[indices], kind="stable")[:count]
    return indices[order]
