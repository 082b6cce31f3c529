import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from coaction.finder.actions import do_import_oruk
from coaction.finder.oruk.importing import ImportRejected
from coaction.finder.oruk.source import MAX_DOCUMENT_BYTES, SourceError, read_records

# The problems printed, at most; the rest are counted.
SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = (
        "Import services from an Open Referral UK (HSDS 3) file: a JSON array of services, "
        "the API's paged response, or ndjson (one service a line). All or nothing."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print a JSON summary (or the problems found) on stdout",
        )
        parser.add_argument(
            "--max-mb",
            type=int,
            default=MAX_DOCUMENT_BYTES // (1024 * 1024),
            help="refuse a JSON document larger than this (ndjson streams and may be larger)",
        )

    def handle(self, *args, path: Path, as_json: bool, max_mb: int, **options):  # type: ignore[no-untyped-def]
        try:
            records = read_records(path, max_document_bytes=max_mb * 1024 * 1024)
            summary = do_import_oruk(acting_user=None, records=records)
        except SourceError as exc:
            if as_json:
                self._json({"imported": False, "error": str(exc), "errors": []})
            raise CommandError(str(exc)) from exc
        except ImportRejected as exc:
            for error in exc.errors[:SHOWN_ERRORS]:
                self.stderr.write(str(error))
            if as_json:
                self._json(
                    {
                        "imported": False,
                        "error": exc.line(),
                        "errors": [error.as_dict() for error in exc.errors],
                    }
                )
            raise CommandError(exc.line()) from exc
        if as_json:
            self._json({"imported": True, **summary.as_dict()})
        else:
            self.stdout.write(summary.line())

    def _json(self, document: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
