"""Checks shared by the ORUK tests. Responses are validated against the published HSDS 3.0
schemas beside the project (../shared/standards/hsds-3) when they are there, otherwise against
the copies the app ships; each validator is built once per test session (the files are large)."""

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from coaction.finder.actions import do_import_oruk
from coaction.finder.oruk.importing import ImportSummary
from coaction.finder.oruk.schemas import TABLES, load_schema, registry
from coaction.finder.oruk.source import read_records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RICH = FIXTURES / "oruk_rich.json"
STANDARDS = Path(__file__).resolve().parents[3].parent / "shared" / "standards" / "hsds-3"
CONTRACT_SAMPLE = STANDARDS.parent.parent / "checks" / "fixtures" / "oruk_sample.json"
FILES = {
    "service": "compiled/service.json",
    "service_list": "compiled/service_list.json",
    "service_at_location": "compiled/service_at_location.json",
    "service_at_location_list": "compiled/service_at_location_list.json",
    "organization": "compiled/organization.json",
    "taxonomy": "taxonomy.json",
    "taxonomy_term": "taxonomy_term.json",
}

# What the rich fixture's confidential refuge must never show: its street, postcode, name,
# exact position, and the free text that describes where it is.
REFUGE_SECRETS = (
    "Almond Grove",
    "NB2 7QX",
    "NB27QX",
    "Cedar Lodge",
    "53.481234",
    "-2.243456",
    "53.48123",
    "2.24345",
    "side gate",
    "Red-brick",
)
REFUGE_ID = "db245346-560d-5615-a626-43e9605fed4b"
DROP_IN_ID = "ee63cf5f-d1cf-583b-a891-f6ee882bd189"
CLOSED_ID = "0603cf56-f83a-5377-ba06-02df07e893f7"


def _schema(name: str) -> dict[str, Any]:
    published = STANDARDS / FILES.get(name, f"{name}.json")
    return json.loads(published.read_text()) if published.exists() else load_schema(name)


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    tables = registry({table: _schema(table) for table in TABLES})
    return Draft202012Validator(
        _schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER, registry=tables
    )


def assert_valid(name: str, instance: Any) -> None:
    errors = sorted(
        _validator(name).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def import_file(path: Path) -> ImportSummary:
    return do_import_oruk(acting_user=None, records=read_records(path))


def rich_records() -> list[dict[str, Any]]:
    return json.loads(RICH.read_text())


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document))
    return path
