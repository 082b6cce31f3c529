import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError

from coaction.finder.oruk import publish, queries
from coaction.finder.oruk.schemas import schema_errors


class Command(BaseCommand):
    help = (
        "Write every public (active) service as Open Referral UK JSON: an array of fully "
        "nested HSDS 3 services. Confidential addresses are withheld. PATH, or - for stdout."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print a JSON summary"
        )

    def handle(self, *args, path: str, as_json: bool, **options):  # type: ignore[no-untyped-def]
        to_stdout = path == "-"
        folder = Path(tempfile.gettempdir()) if to_stdout else Path(path).parent
        if not folder.is_dir():
            raise CommandError(f"There is no folder {folder} to write into")
        # Written to a file beside the target first, and moved into place (or copied to
        # stdout) only once every service is written: never half an export.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".oruk-export.", suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                count = self._write(out)
            if to_stdout:
                with open(temporary, encoding="utf-8") as written:
                    while block := written.read(1024 * 1024):
                        self.stdout.write(block, ending="")
                self.stdout.flush()
            else:
                os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        line = f"Exported {count} service{'' if count == 1 else 's'} to {path}"
        summary = json.dumps({"services": count, "path": path}) if as_json else line
        # With -, stdout carries the data: the summary goes to stderr.
        (self.stderr if to_stdout else self.stdout).write(summary)

    def _write(self, out: IO[str]) -> int:
        ids = queries.all_service_ids(queries.ServiceQuery())
        count = 0
        out.write("[")
        for chunk in queries.service_chunks(ids, full=True):
            context = publish.Context.for_services(chunk)
            for service in chunk:
                document = publish.service_full(service, context)
                _check(document)
                out.write(",\n" if count else "\n")
                out.write(json.dumps(document, ensure_ascii=False))
                count += 1
        out.write("\n]\n" if count else "]\n")
        return count


def _check(document: dict[str, Any]) -> None:
    """An export others rely on must be valid HSDS: refuse rather than write a bad one."""
    problems = schema_errors("service", document, limit=3)
    if problems:
        where = "; ".join(f"{path}: {message}" for path, message in problems)
        raise CommandError(
            f"Service {document.get('id')} ({document.get('name')}) is not valid HSDS: {where}"
        )
