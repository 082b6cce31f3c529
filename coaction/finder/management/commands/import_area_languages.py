"""`coaction import_area_languages PATH`: load the main languages residents speak in each area,
from the Census 2021 table TS024 ("Main language (detailed)") as ONS publishes it: one row per
area and language category, with columns such as "Lower tier local authorities Code",
"Main language (detailed) (95 categories)" and "Observation".

Areas not on the platform are skipped; so are categories that are not one language ("Any
other South Asian language", "Does not apply"). Each area in the file has its languages
replaced. One bad row and nothing is written: every bad row is reported with its line number."""

import csv
import json
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coaction.finder.models import AreaLanguage
from coaction.lib.gaps import ts024_language_code
from coaction.organisations.models import Area, Language

MAX_REPORTED_ERRORS = 20
DEFAULT_SOURCE = "Census 2021, TS024"


def _columns(header: Sequence[str]) -> tuple[int, int, int]:
    """(area code, language category, count) positions in a TS024 header."""
    names = [name.strip().lower().lstrip("\ufeff") for name in header]
    area = next(
        (i for i, n in enumerate(names) if n.endswith("code") and "language" not in n), None
    )
    language = next(
        (i for i, n in enumerate(names) if "language" in n and not n.endswith("code")), None
    )
    count = next((i for i, n in enumerate(names) if n in {"observation", "count", "value"}), None)
    if area is None or language is None or count is None:
        raise CommandError(
            "This does not look like Census table TS024: it needs an area code column, a main "
            "language column and an Observation column; nothing was loaded."
        )
    return area, language, count


class Command(BaseCommand):
    help = "Load residents' main languages per area from Census 2021 table TS024 (CSV)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path")
        parser.add_argument("--source", default=DEFAULT_SOURCE, help="recorded with each figure")
        parser.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args: Any, path: str, source: str, json: bool, **options: Any) -> None:
        try:
            with open(path, newline="", encoding="utf-8-sig") as file:
                summary = self._load(csv.reader(file), source[:200])
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not a UTF-8 CSV file; nothing was loaded.") from exc
        except csv.Error as exc:
            raise CommandError(
                f"{path} is not a readable CSV file ({exc}); nothing was loaded."
            ) from exc
        if json:
            self.stdout.write(_dumps(summary))
        else:
            self.stdout.write(
                f"Loaded {summary['languages']} language figures for {summary['areas']} areas "
                f"from {path} (skipped {summary['other_areas']} rows for areas not on the "
                f"platform and {summary['not_one_language']} categories that are not one "
                f"language)."
            )

    def _load(self, reader: Any, source: str) -> dict[str, int]:
        header = next(reader, None)
        if not header:
            raise CommandError("The file is empty; nothing was loaded.")
        area_col, language_col, count_col = _columns(header)
        areas = dict(Area.objects.values_list("ons_code", "pk"))
        names = dict(Language.objects.values_list("code", "name"))
        figures: dict[tuple[int, str], list[Any]] = {}
        errors: list[str] = []
        error_count = 0
        other_areas = not_one_language = 0
        width = max(area_col, language_col, count_col) + 1
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            problem = ""
            if len(row) < width:
                problem = "too few columns"
            else:
                code = row[area_col].strip().upper()
                category = row[language_col].strip()
                raw = row[count_col].strip().replace(",", "")
                if not code:
                    problem = "no area code"
                elif not category:
                    problem = "no language"
                elif not raw.isdigit():
                    problem = f"the count {raw[:20]!r} is not a whole number"
            if problem:
                error_count += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append(f"line {line}: {problem}")
                continue
            if code not in areas:
                other_areas += 1
                continue
            language = ts024_language_code(category)
            if language is None:
                not_one_language += 1
                continue
            key = (areas[code], language)
            name = names.get(language) or category.rsplit(":", 1)[-1].strip()
            entry = figures.setdefault(key, [name, 0])
            entry[1] += int(raw)
        if error_count:
            more = error_count - len(errors)
            listing = "\n".join(errors) + (f"\n… and {more} more" if more > 0 else "")
            raise CommandError(
                f"{error_count} bad row{'s' if error_count != 1 else ''}; "
                f"nothing was loaded.\n{listing}"
            )
        area_ids = {area_id for area_id, _ in figures}
        with transaction.atomic():
            AreaLanguage.objects.filter(area_id__in=area_ids).delete()
            AreaLanguage.objects.bulk_create(
                [
                    AreaLanguage(
                        area_id=area_id,
                        language_code=language,
                        language_name=name[:200],
                        speakers=count,
                        source=source,
                    )
                    for (area_id, language), (name, count) in figures.items()
                ]
            )
        return {
            "areas": len(area_ids),
            "languages": len(figures),
            "other_areas": other_areas,
            "not_one_language": not_one_language,
        }


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True)
