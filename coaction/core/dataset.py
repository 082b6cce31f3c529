"""The invented data sets behind `coaction generate_dataset`.

Each module adds a step with `@dataset_step(order)`; the command runs them in order, sharing
one seeded random generator, so a scale always produces the same data. Steps must be
idempotent: running the command twice leaves one copy."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Scale = Literal["demo", "national"]


@dataclass
class DatasetContext:
    scale: Scale
    rng: random.Random
    log: Callable[[str], None]
    sign_ins: list[tuple[str, str, str]] = field(default_factory=list)  # who, email, password


Step = Callable[[DatasetContext], None]
_STEPS: list[tuple[int, str, Step]] = []


def dataset_step(order: int) -> Callable[[Step], Step]:
    def register(func: Step) -> Step:
        _STEPS.append((order, f"{func.__module__}.{func.__name__}", func))
        return func

    return register


def steps() -> list[Step]:
    # Import the modules that register steps.
    import coaction.finder.dataset
    import coaction.organisations.dataset  # noqa: F401

    return [func for _, _, func in sorted(_STEPS, key=lambda s: (s[0], s[1]))]
