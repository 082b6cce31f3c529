"""Reading the ONS Postcode Directory (ONSPD): one CSV row per postcode, with its centroid and
the local authority it lies in. ONS has published the same columns under different names
over the years (`pcd`/`pcd7`, `oslaua`/`lad25cd`, upper or lower case), so columns are found
by name, not position."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_LOCAL_AUTHORITY_COLUMN = re.compile(r"^(oslaua|laua|lad\d{2}cd)$")

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "pcd2")
# ONSPD gives postcodes with no grid reference (and those outside Great Britain and Northern
# Ireland, such as the Channel Islands) this "no position" latitude.
NO_POSITION_LATITUDE = Decimal("99.999999")


class OnspdError(ValueError):
    """A header or row that cannot be read; the message says why."""


def normalise_postcode(value: str) -> str:
    """Upper case with no spaces, as the postcode table keys it: "nb1 1aa" -> "NB11AA"."""
    return "".join(value.split()).upper()


def is_postcode(value: str) -> bool:
    """True for a full UK postcode in any spacing or case, such as "NB1 1AA" or "sw1a1aa"."""
    return _POSTCODE.match(normalise_postcode(value)) is not None


def format_postcode(value: str) -> str:
    """A postcode as people write it, with one space before the inward code: "NB1 1AA"."""
    code = normalise_postcode(value)
    return f"{code[:-3]} {code[-3:]}" if len(code) > 3 else code


@dataclass(frozen=True)
class Columns:
    postcode: int
    latitude: int
    longitude: int
    local_authority: int | None
    terminated: int | None


def find_columns(header: Sequence[str]) -> Columns:
    """Where the columns the import needs are in an ONSPD header row."""
    names = [name.strip().lower().lstrip("\ufeff") for name in header]

    def first(*candidates: str) -> int | None:
        for candidate in candidates:
            if candidate in names:
                return names.index(candidate)
        return None

    postcode = first(*POSTCODE_COLUMNS)
    latitude = first("lat")
    longitude = first("long")
    missing = [
        label
        for label, index in (("pcds or pcd", postcode), ("lat", latitude), ("long", longitude))
        if index is None
    ]
    if postcode is None or latitude is None or longitude is None:
        raise OnspdError(
            "This is not an ONS Postcode Directory file: no column named " + ", ".join(missing)
        )
    local_authority = next(
        (i for i, name in enumerate(names) if _LOCAL_AUTHORITY_COLUMN.match(name)), None
    )
    return Columns(
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        local_authority=local_authority,
        terminated=first("doterm"),
    )


@dataclass(frozen=True)
class PostcodeRow:
    postcode: str  # normalised
    latitude: Decimal | None  # None when ONS gives no position
    longitude: Decimal | None
    local_authority: str
    terminated: bool


def _cell(row: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _coordinate(raw: str, limit: int, label: str) -> Decimal:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise OnspdError(f"{label} {raw!r} is not a number") from None
    if not value.is_finite() or abs(value) > limit:
        raise OnspdError(f"{label} {raw!r} is out of range")
    return value.quantize(Decimal("0.000001"))


def parse_row(row: Sequence[str], columns: Columns) -> PostcodeRow:
    """One data row. Raises OnspdError for a row that cannot be a postcode record."""
    raw = _cell(row, columns.postcode)
    if not is_postcode(raw):
        raise OnspdError(f"{raw[:20]!r} is not a postcode")
    terminated = bool(_cell(row, columns.terminated))
    lat_raw, long_raw = _cell(row, columns.latitude), _cell(row, columns.longitude)
    latitude: Decimal | None
    longitude: Decimal | None
    if not lat_raw and not long_raw:
        latitude = longitude = None
    else:
        latitude = _coordinate(lat_raw, 100, "Latitude")
        longitude = _coordinate(long_raw, 180, "Longitude")
        if latitude == NO_POSITION_LATITUDE:
            latitude = longitude = None
        elif abs(latitude) > 90:
            raise OnspdError(f"Latitude {lat_raw!r} is out of range")
    return PostcodeRow(
        postcode=normalise_postcode(raw),
        latitude=latitude,
        longitude=longitude,
        local_authority=_cell(row, columns.local_authority).upper()[:9],
        terminated=terminated,
    )
