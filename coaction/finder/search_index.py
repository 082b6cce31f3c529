"""An in-memory index of every public service, for search at interactive speed.

It holds what ranking needs for all services at once, as numpy arrays: the embedding matrix
(20,000 x 384 float32 is 30 MB, and one matrix-vector product over it takes about 2 ms), which
services carry each taxonomy term and language, and where each service is, with confidential
locations already reduced to their public, coarse position.

The database stays the truth. Triggers change a generation token on every write that matters
(see coaction.finder.lexical); each search reads the token (one indexed row) and rebuilds the
index when it differs. Each process keeps its own copy."""

import threading
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray

from coaction.finder import embeddings, lexical
from coaction.finder.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from coaction.finder.selectors import public_location, public_services
from coaction.organisations.models import Organisation


@dataclass
class SearchIndex:
    generation: str
    model: str
    # Public services in name order: the neutral order of a search with no words.
    ids: list[str]
    position: dict[str, int]
    vectors: NDArray[np.float32]  # one row per service; zeros where none is stored yet
    has_vector: NDArray[np.bool_]
    # Services of organisations led by and for Black and minoritised women.
    by_and_for: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    term_members: dict[str, NDArray[np.bool_]] = field(default_factory=dict)
    staff_languages: dict[str, NDArray[np.bool_]] = field(default_factory=dict)
    interpreter_languages: dict[str, NDArray[np.bool_]] = field(default_factory=dict)
    # One entry per (service, location with coordinates): the service's row and the public
    # coordinates of the location.
    location_rows: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    location_lats: NDArray[np.float64] = field(default_factory=lambda: np.empty(0))
    location_lons: NDArray[np.float64] = field(default_factory=lambda: np.empty(0))
    # One entry per weekly opening slot: the service's row, the day (0 = Monday) and the
    # opening and closing times in seconds after midnight.
    schedule_rows: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    schedule_days: NDArray[np.int8] = field(default_factory=lambda: np.empty(0, dtype=np.int8))
    schedule_opens: NDArray[np.int32] = field(default_factory=lambda: np.empty(0, dtype=np.int32))
    schedule_closes: NDArray[np.int32] = field(default_factory=lambda: np.empty(0, dtype=np.int32))

    @property
    def size(self) -> int:
        return len(self.ids)

    def open_at(self, weekday: int, seconds: int) -> NDArray[np.bool_]:
        """True for services open at this time of the week (0 = Monday; seconds after
        midnight). A closing time at or before the opening time means the hours run past
        midnight; a service with no hours is never open."""
        overnight = self.schedule_closes <= self.schedule_opens
        today = (
            (self.schedule_days == weekday)
            & (self.schedule_opens <= seconds)
            & (overnight | (seconds < self.schedule_closes))
        )
        from_yesterday = (
            (self.schedule_days == (weekday - 1) % 7) & overnight & (seconds < self.schedule_closes)
        )
        result = np.zeros(self.size, dtype=bool)
        result[self.schedule_rows[today | from_yesterday]] = True
        return result

    def mask(self, ids: list[str]) -> NDArray[np.bool_]:
        """True for the rows of the given service ids (ids not in the index are ignored)."""
        result = np.zeros(self.size, dtype=bool)
        position = self.position
        rows = [position[i] for i in ids if i in position]
        if rows:
            result[np.asarray(rows, dtype=np.intp)] = True
        return result


_lock = threading.Lock()
_current: SearchIndex | None = None


def current() -> SearchIndex:
    """The index as of the database's current generation, rebuilt if anything changed."""
    global _current
    generation = lexical.generation()
    model = embeddings.model_name()
    index = _current
    if index is not None and index.generation == generation and index.model == model:
        return index
    with _lock:
        index = _current
        if index is None or index.generation != generation or index.model != model:
            index = build(generation=generation, model=model)
            _current = index
    return index


def forget() -> None:
    """Drop the index held in this process (it is rebuilt by the next search)."""
    global _current
    _current = None


def _masks(
    pairs: list[tuple[str, str]], position: dict[str, int], size: int
) -> dict[str, NDArray[np.bool_]]:
    rows: dict[str, list[int]] = {}
    for service_id, key in pairs:
        row = position.get(service_id)
        if row is not None:
            rows.setdefault(key, []).append(row)
    masks = {}
    for key, members in rows.items():
        mask = np.zeros(size, dtype=bool)
        mask[np.asarray(members, dtype=np.intp)] = True
        masks[key] = mask
    return masks


def build(*, generation: str, model: str) -> SearchIndex:
    public = public_services()
    rows = list(
        public.order_by("name", "id").values_list(
            "id", "embedding", "embedding_model", "organisation__leadership_type"
        )
    )
    ids = [row[0] for row in rows]
    by_and_for = np.array(
        [row[3] == Organisation.LeadershipType.BY_AND_FOR for row in rows], dtype=bool
    )
    position = {service_id: row for row, service_id in enumerate(ids)}
    size = len(ids)

    usable = [
        (row, bytes(data))
        for row, (_, data, made_by, _) in enumerate(rows)
        if data is not None and made_by == model and len(data) > 0
    ]
    # All vectors from one model have one length; ignore any that do not (a corrupt row).
    dimensions = 0
    if usable:
        lengths: dict[int, int] = {}
        for _, data in usable:
            lengths[len(data)] = lengths.get(len(data), 0) + 1
        common = max(lengths, key=lambda length: lengths[length])
        usable = [(row, data) for row, data in usable if len(data) == common]
        dimensions = common // 4
    vectors = np.zeros((size, dimensions), dtype=np.float32)
    has_vector = np.zeros(size, dtype=bool)
    if usable:
        block = np.frombuffer(b"".join(data for _, data in usable), dtype="<f4")
        filled = np.asarray([row for row, _ in usable], dtype=np.intp)
        vectors[filled] = block.reshape(len(usable), dimensions)
        has_vector[filled] = True

    terms = list(
        Service.terms.through.objects.filter(service__in=public).values_list(
            "service_id", "taxonomyterm__code"
        )
    )
    languages = list(
        ServiceLanguage.objects.filter(service__in=public).values_list("service_id", "code", "mode")
    )
    staff = [(sid, code) for sid, code, mode in languages if mode == ServiceLanguage.Mode.STAFF]
    interpreter = [
        (sid, code) for sid, code, mode in languages if mode == ServiceLanguage.Mode.INTERPRETER
    ]

    located = ServiceAtLocation.objects.filter(
        service__in=public,
        location__latitude__isnull=False,
        location__longitude__isnull=False,
    ).values_list(
        "service_id", "location__latitude", "location__longitude", "location__confidential"
    )
    location_rows, lats, lons = [], [], []
    for service_id, latitude, longitude, confidential in located:
        row = position.get(service_id)
        if row is None:
            continue
        if confidential:
            latitude, longitude = _public_coordinates(latitude, longitude)
        location_rows.append(row)
        lats.append(float(latitude))
        lons.append(float(longitude))

    days = {code: number for number, code in enumerate(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])}
    slots = [
        (position[service_id], days[day], _seconds(opens), _seconds(closes))
        for service_id, day, opens, closes in Schedule.objects.filter(
            service__in=public
        ).values_list("service_id", "byday", "opens_at", "closes_at")
        if service_id in position and day in days
    ]
    schedule = np.asarray(slots, dtype=np.int64).reshape(len(slots), 4)

    return SearchIndex(
        generation=generation,
        model=model,
        ids=ids,
        position=position,
        vectors=vectors,
        has_vector=has_vector,
        by_and_for=by_and_for,
        term_members=_masks(terms, position, size),
        staff_languages=_masks(staff, position, size),
        interpreter_languages=_masks(interpreter, position, size),
        location_rows=np.asarray(location_rows, dtype=np.intp),
        location_lats=np.asarray(lats, dtype=np.float64),
        location_lons=np.asarray(lons, dtype=np.float64),
        schedule_rows=schedule[:, 0].astype(np.intp),
        schedule_days=schedule[:, 1].astype(np.int8),
        schedule_opens=schedule[:, 2].astype(np.int32),
        schedule_closes=schedule[:, 3].astype(np.int32),
    )


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _public_coordinates(latitude: Decimal, longitude: Decimal) -> tuple[Decimal, Decimal]:
    """A confidential location's coordinates as the public may see them, through the one
    function that decides that."""
    shown = public_location(
        Location(latitude=latitude, longitude=longitude, confidential=True, area=None)
    )
    assert shown.latitude is not None and shown.longitude is not None
    return shown.latitude, shown.longitude
