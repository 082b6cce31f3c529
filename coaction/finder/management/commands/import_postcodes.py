"""`coaction import_postcodes PATH`: load postcode centroids from the ONS Postcode Directory.

The whole file is read in one transaction, in batches so memory stays flat on the full
directory (about 2.7 million rows). Terminated postcodes (`doterm` set) are skipped and taken
out of the table; postcodes ONS gives no position are skipped. One bad row and nothing is
written: every bad row is reported with its line number."""

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coaction.finder.models import Postcode
from coaction.lib.onspd import OnspdError, find_columns, parse_row

MAX_REPORTED_ERRORS = 20


class _BadRows(Exception):
    pass


class Command(BaseCommand):
    help = "Load postcode centroids from an ONS Postcode Directory (ONSPD) CSV file."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path", help="ONSPD CSV file, such as ONSPD_FEB_2025_UK.csv")
        parser.add_argument("--json", action="store_true", help="print a JSON summary")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args: Any, path: str, json: bool, batch_size: int, **options: Any) -> None:
        try:
            with open(path, newline="", encoding="utf-8-sig") as file:
                counts = self._load(csv.reader(file), max(batch_size, 1), options["verbosity"])
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not a UTF-8 CSV file; nothing was loaded.") from exc
        if json:
            self.stdout.write(_json_dumps(counts))
        else:
            self.stdout.write(
                f"Loaded {counts['loaded']} postcodes from {path} "
                f"(skipped {counts['terminated']} terminated and "
                f"{counts['without_position']} without a position)."
            )

    def _load(self, reader: Any, batch_size: int, verbosity: int) -> dict[str, int]:
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise CommandError(f"Line 1: {exc}; nothing was loaded.") from exc
        if not header:
            raise CommandError("The file is empty; nothing was loaded.")
        try:
            columns = find_columns(header)
        except OnspdError as exc:
            raise CommandError(f"{exc}; nothing was loaded.") from exc

        counts = {"loaded": 0, "terminated": 0, "without_position": 0}
        errors: list[str] = []
        error_count = 0
        batch: dict[str, Postcode] = {}
        terminated: list[str] = []

        def flush() -> None:
            if batch:
                Postcode.objects.bulk_create(
                    list(batch.values()),
                    update_conflicts=True,
                    unique_fields=["postcode"],
                    update_fields=["latitude", "longitude", "local_authority"],
                )
                counts["loaded"] += len(batch)
                batch.clear()
            if terminated:
                Postcode.objects.filter(postcode__in=terminated).delete()
                terminated.clear()
            if verbosity > 1:
                self.stderr.write(f"{counts['loaded']} postcodes so far")

        try:
            with transaction.atomic():
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error as exc:
                        error_count += 1
                        errors.append(f"line {reader.line_num}: {exc}")
                        continue
                    if not any(cell.strip() for cell in row):
                        continue
                    try:
                        parsed = parse_row(row, columns)
                    except OnspdError as exc:
                        error_count += 1
                        if len(errors) < MAX_REPORTED_ERRORS:
                            errors.append(f"line {reader.line_num}: {exc}")
                        continue
                    if error_count:
                        continue  # keep reading to report every bad row; write no more
                    if parsed.terminated:
                        counts["terminated"] += 1
                        terminated.append(parsed.postcode)
                    elif parsed.latitude is None or parsed.longitude is None:
                        counts["without_position"] += 1
                    else:
                        batch[parsed.postcode] = Postcode(
                            postcode=parsed.postcode,
                            latitude=parsed.latitude,
                            longitude=parsed.longitude,
                            local_authority=parsed.local_authority,
                        )
                    if len(batch) + len(terminated) >= batch_size:
                        flush()
                if error_count:
                    raise _BadRows
                flush()
        except _BadRows:
            more = error_count - len(errors)
            listing = "\n".join(errors) + (f"\n… and {more} more" if more > 0 else "")
            raise CommandError(
                f"{error_count} bad row{'s' if error_count != 1 else ''}; "
                f"nothing was loaded.\n{listing}"
            ) from None
        return counts


def _json_dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True)
