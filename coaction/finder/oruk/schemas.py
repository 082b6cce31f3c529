"""The HSDS 3.0 JSON schemas, shipped with the app (see hsds-3/README.md), and validators built
from them once per process: the compiled service schema alone is 2.3 MB."""

import functools
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "hsds-3"

# What the files describe: `service` is one fully nested service (GET /services/{id});
# `service_list` one item of GET /services; `service_at_location_list` one item of
# GET /service_at_locations; `organization` one fully nested organisation.
SCHEMAS = (
    "service",
    "service_list",
    "service_at_location",
    "service_at_location_list",
    "organization",
    "taxonomy",
    "taxonomy_term",
    "metadata",
)
# Per-table schemas refer to each other by file name ("taxonomy.json"); the compiled ones
# are self-contained.
TABLES = ("taxonomy", "taxonomy_term", "metadata")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    if name not in SCHEMAS:
        raise KeyError(name)
    with gzip.open(SCHEMA_DIR / f"{name}.json.gz", "rt", encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


def registry(schemas: dict[str, dict[str, Any]]) -> Registry:
    """The per-table schemas, found by the file names they use for each other."""
    return Registry().with_resources(
        (f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )


@functools.cache
def validator(name: str) -> Validator:
    """A validator for one schema, with formats (uuid, email, date-time) checked. The HSDS
    schemas declare no `$schema`, so they are read as Draft 2020-12."""
    schema = load_schema(name)
    cls = validator_for(schema, default=Draft202012Validator)
    tables = registry({table: load_schema(table) for table in TABLES})
    return cls(schema, format_checker=cls.FORMAT_CHECKER, registry=tables)


def json_path(parts: Iterator[Any] | Any) -> str:
    """`$.languages[0].code` from jsonschema's deque of keys and indexes."""
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def schema_errors(name: str, instance: Any, *, limit: int = 10) -> list[tuple[str, str]]:
    """(JSON path, message) for each way `instance` breaks the schema, most specific first,
    at most `limit` of them."""
    errors = sorted(
        validator(name).iter_errors(instance),
        key=lambda e: (list(map(str, e.absolute_path)), e.message),
    )
    return [(json_path(e.absolute_path), _short(e.message)) for e in errors[:limit]]


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
