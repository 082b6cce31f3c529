"""What benchmark modules share with the harness in bench/run.py.

A benchmark module is a file bench/bench_<name>.py with a function

    def run(options: Options) -> list[Row]: ...

The harness imports it only after Django is set up against the benchmark data set, so the
module may import models and views at the top."""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Options:
    # A smoke run: few iterations, figures too noisy to read anything into.
    quick: bool = False


@dataclass
class Row:
    """One figure, measured against a baseline taken in the same run. Absolute times on a
    shared machine are noise; the ratio is what we compare across runs."""

    name: str
    figure: float
    baseline: float
    unit: str
    # The smallest acceptable ratio (figure / baseline); None for a figure kept for information.
    target: float | None = None
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.figure / self.baseline if self.baseline else float("nan")

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio >= self.target

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "figure": self.figure,
            "baseline": self.baseline,
            "unit": self.unit,
            "ratio": self.ratio,
            "target": self.target,
            "passed": self.passed,
            "notes": self.notes,
            "details": self.details,
        }


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class Timings:
    """Per-call latencies (seconds) and the wall time of the batches they ran in."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    # Full (generation 2) garbage collections that ran inside timed calls. Each one costs tens
    # of milliseconds with Django loaded, and explains most latency spikes.
    full_collections: int = 0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.wall if self.wall else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 0.95)


def time_batch(calls: list[Callable[[], object]], into: Timings) -> list[float]:
    """Run `calls` back to back, adding each call's latency and the batch's wall time to
    `into`. Garbage from earlier work is collected first so one side does not pay for the
    other's."""
    gc.collect()
    full_collections = 0

    def count_full_collections(phase: str, info: dict[str, int]) -> None:
        nonlocal full_collections
        if phase == "start" and info["generation"] == 2:
            full_collections += 1

    latencies = []
    gc.callbacks.append(count_full_collections)
    try:
        started = time.perf_counter()
        for call in calls:
            before = time.perf_counter()
            call()
            latencies.append(time.perf_counter() - before)
        into.wall += time.perf_counter() - started
    finally:
        gc.callbacks.remove(count_full_collections)
    into.latencies += latencies
    into.full_collections += full_collections
    return latencies
