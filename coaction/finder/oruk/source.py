"""Reading an ORUK file: a JSON array of services, the API's paging envelope
(`{"contents": [...], "total_items": ...}`), or ndjson (one service a line). ndjson is read a
line at a time, so a large file never sits in memory whole."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A JSON document is parsed whole; past this size use ndjson, which streams.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
MAX_NDJSON_BYTES = 4 * 1024 * 1024 * 1024
NDJSON_SUFFIXES = (".ndjson", ".jsonl")


class SourceError(ValueError):
    """The file as a whole cannot be read. The message says why, for the person running it."""


@dataclass(frozen=True)
class SourceRecord:
    """One service from the file, or why its line could not be read. `number` counts records
    from 1; for ndjson it is the line number."""

    number: int
    data: Any = None
    error: str = ""


def read_records(
    path: Path,
    *,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
    max_ndjson_bytes: int = MAX_NDJSON_BYTES,
) -> Iterator[SourceRecord]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise SourceError(f"{path} is not a file")
    if size == 0:
        raise SourceError(f"{path} is empty")
    ndjson = path.suffix.lower() in NDJSON_SUFFIXES or _looks_like_ndjson(path)
    limit = max_ndjson_bytes if ndjson else max_document_bytes
    if size > limit:
        hint = "" if ndjson else "; a larger file can be imported as ndjson, one service a line"
        raise SourceError(
            f"{path} is {_megabytes(size)}, over the limit of {_megabytes(limit)}{hint}"
        )
    if ndjson:
        return _ndjson_records(path)
    return _document_records(path)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _looks_like_ndjson(path: Path) -> bool:
    """True when the first line is a complete JSON object and more lines follow. A JSON array,
    or an object spread over several lines, is read as one document."""
    with path.open("rb") as f:
        first = f.readline(1024 * 1024)
        if not first.lstrip().startswith(b"{"):
            return False
        try:
            json.loads(first)
        except ValueError:
            return False
        return any(line.strip() for line in f)


def _ndjson_records(path: Path) -> Iterator[SourceRecord]:
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                yield SourceRecord(number=number, data=json.loads(line))
            except UnicodeDecodeError:
                yield SourceRecord(number=number, error="the line is not UTF-8 text")
            except json.JSONDecodeError as exc:
                yield SourceRecord(number=number, error=f"not valid JSON: {exc.msg}")


def _document_records(path: Path) -> Iterator[SourceRecord]:
    try:
        with path.open("rb") as f:
            document = json.load(f)
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path} is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if isinstance(document, dict) and "contents" in document:
        document = document["contents"]
        if not isinstance(document, list):
            raise SourceError(f"{path}: `contents` must be a list of services")
    elif isinstance(document, dict):
        document = [document]
    if not isinstance(document, list):
        raise SourceError(
            f"{path} must hold a list of services, a paged response with `contents`, "
            "or one service a line (ndjson)"
        )
    return (SourceRecord(number=n, data=data) for n, data in enumerate(document, start=1))
