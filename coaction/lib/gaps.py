"""Provision gaps: the languages people in an area speak set against the languages its
services work in, and the needs no by-and-for service meets. Pure computation; the finder
gathers the counts and shows the rows."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coaction.lib.small_numbers import suppress_small

# Census 2021 table TS024 "Main language (detailed)": each category's name (the part after
# any "…:" group prefix, lower case, without a bracketed note) and the ISO 639 code the
# platform records the language under (ISO 639-1 where one exists, else ISO 639-3).
# Categories not listed ("Any other …", "Does not apply") have no single language.
TS024_LANGUAGE_CODES: dict[str, str] = {
    "english": "en",
    "welsh or cymraeg": "cy",
    "cornish": "kw",
    "gaelic (scottish)": "gd",
    "gaelic (irish)": "ga",
    "scots": "sco",
    "french": "fr",
    "portuguese": "pt",
    "spanish": "es",
    "italian": "it",
    "german": "de",
    "polish": "pl",
    "slovak": "sk",
    "czech": "cs",
    "romanian": "ro",
    "lithuanian": "lt",
    "latvian": "lv",
    "hungarian": "hu",
    "bulgarian": "bg",
    "greek": "el",
    "dutch": "nl",
    "swedish": "sv",
    "danish": "da",
    "finnish": "fi",
    "estonian": "et",
    "slovenian": "sl",
    "maltese": "mt",
    "albanian": "sq",
    "ukrainian": "uk",
    "serbian/croatian/bosnian": "hbs",
    "romani": "rom",
    "yiddish": "yi",
    "russian": "ru",
    "turkish": "tr",
    "arabic": "ar",
    "hebrew": "he",
    "kurdish": "ku",
    "persian or farsi": "fa",
    "pashto": "ps",
    "urdu": "ur",
    "hindi": "hi",
    "panjabi": "pa",
    "pakistani pahari": "phr",
    "bengali": "bn",
    "gujarati": "gu",
    "marathi": "mr",
    "telugu": "te",
    "tamil": "ta",
    "malayalam": "ml",
    "sinhala": "si",
    "nepalese": "ne",
    "mandarin chinese": "zh",
    "all other chinese": "zh",
    "cantonese chinese": "yue",
    "japanese": "ja",
    "korean": "ko",
    "vietnamese": "vi",
    "thai": "th",
    "malay": "ms",
    "tagalog or filipino": "tl",
    "amharic": "am",
    "tigrinya": "ti",
    "somali": "so",
    "krio": "kri",
    "akan": "ak",
    "yoruba": "yo",
    "igbo": "ig",
    "swahili or kiswahili": "sw",
    "luganda": "lg",
    "lingala": "ln",
    "shona": "sn",
    "afrikaans": "af",
    "british sign language": "bfi",
}

# A Census category that takes in languages the platform records separately: a service
# working in any of them serves the category's speakers.
COVERED_BY: dict[str, tuple[str, ...]] = {
    "bn": ("bn", "syl"),  # Bengali (with Sylheti and Chatgaya)
    "ku": ("ku", "ckb"),  # Kurdish, including Sorani
    "zh": ("zh", "yue"),  # "All other Chinese" is counted under zh
}

_BRACKETED = re.compile(r"\s*\([^)]*\)\s*$")


def ts024_language_code(category: str) -> str | None:
    """The ISO 639 code for a TS024 main-language category as ONS publishes it, such as
    "South Asian language: Bengali (with Sylheti and Chatgaya)" or "Polish"; None for a
    category that is not one language ("Any other South Asian language", "Does not apply")."""
    name = category.rsplit(":", 1)[-1].strip().lower()
    if name in TS024_LANGUAGE_CODES:
        return TS024_LANGUAGE_CODES[name]
    return TS024_LANGUAGE_CODES.get(_BRACKETED.sub("", name))


def codes_serving(code: str) -> tuple[str, ...]:
    """The language codes a service may record that serve speakers counted under `code`."""
    return COVERED_BY.get(code, (code,))


@dataclass(frozen=True)
class LanguageProvision:
    """One language spoken in an area, against the services there that work in it.

    `speakers` is the area's count of residents with the language as their main language,
    or None when it is under 5 (withheld). `staff_services` counts services whose staff speak
    it; `interpreter_services` counts services offering it through an interpreter (a service
    with both is counted in both)."""

    code: str
    name: str
    speakers: int | None
    staff_services: int
    interpreter_services: int

    @property
    def unmet(self) -> bool:
        """No service in the area works in this language, with staff or an interpreter."""
        return self.staff_services == 0 and self.interpreter_services == 0

    @property
    def interpreter_only(self) -> bool:
        return self.staff_services == 0 and self.interpreter_services > 0


def language_provision(
    spoken: Iterable[tuple[str, str, int]],
    staff: Mapping[str, set[str]],
    interpreters: Mapping[str, set[str]],
) -> list[LanguageProvision]:
    """Rows for each language in `spoken` ((code, name, speakers) from the area's profile).

    `staff` and `interpreters` map a language code to the ids of services in the area working
    in it that way; a Census category counts every code that serves it (`codes_serving`), each
    service once. Rows are ordered by speakers, most first; withheld small counts come last,
    in name order, so their order reveals nothing."""
    rows = []
    for code, name, speakers in spoken:
        codes = codes_serving(code)
        staff_ids = set().union(*(staff.get(c, set()) for c in codes))
        interpreter_ids = set().union(*(interpreters.get(c, set()) for c in codes))
        rows.append(
            (
                speakers,
                LanguageProvision(
                    code=code,
                    name=name,
                    speakers=suppress_small(speakers),
                    staff_services=len(staff_ids),
                    interpreter_services=len(interpreter_ids),
                ),
            )
        )
    shown = sorted(
        (row for row in rows if row[1].speakers is not None), key=lambda r: (-r[0], r[1].name)
    )
    withheld = sorted((row for row in rows if row[1].speakers is None), key=lambda r: r[1].name)
    return [row for _, row in shown + withheld]


@dataclass(frozen=True)
class NeedProvision:
    """One need in the taxonomy, against the services in an area that meet it.
    `by_and_for_services` counts those run by a by-and-for organisation."""

    code: str
    name: str
    services: int
    by_and_for_services: int

    @property
    def no_by_and_for(self) -> bool:
        return self.by_and_for_services == 0


def need_provision(
    needs: Iterable[tuple[str, str]],
    offered: Iterable[tuple[str, str, bool]],
) -> list[NeedProvision]:
    """Rows for each (code, name) in `needs`, in the order given, from `offered`: one
    (service id, need code, run by a by-and-for organisation) for each need a service in the
    area meets. A service is counted once per need."""
    services: dict[str, set[str]] = {}
    by_and_for: dict[str, set[str]] = {}
    for service_id, code, is_by_and_for in offered:
        services.setdefault(code, set()).add(service_id)
        if is_by_and_for:
            by_and_for.setdefault(code, set()).add(service_id)
    return [
        NeedProvision(
            code=code,
            name=name,
            services=len(services.get(code, ())),
            by_and_for_services=len(by_and_for.get(code, ())),
        )
        for code, name in needs
    ]


@dataclass(frozen=True)
class VacancyTotals:
    """Refuges in a group and their bed spaces now. `maximum` adds up the maximums that are
    known; `with_space` counts refuges with at least one space available."""

    refuges: int
    with_space: int
    available: int
    maximum: int


def vacancy_totals(capacities: Iterable[tuple[int, int | None]]) -> VacancyTotals:
    """Totals over (available, maximum) for each refuge in a group."""
    refuges = with_space = available = maximum = 0
    for spaces, most in capacities:
        refuges += 1
        available += spaces
        maximum += most or 0
        if spaces > 0:
            with_space += 1
    return VacancyTotals(
        refuges=refuges, with_space=with_space, available=available, maximum=maximum
    )
