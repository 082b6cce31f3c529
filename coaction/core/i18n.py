"""Language switching without a cookie: each language has its own URL prefix."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    href: str
    current: bool


def language_links(request: HttpRequest, *, public: bool = False) -> list[LanguageLink]:
    """Links to this page in each language: every language on public pages, the fully
    translated staff languages elsewhere."""
    current = translation.get_language()
    full_path = request.get_full_path()
    offered = set(settings.STAFF_LANGUAGES) | {current}
    return [
        LanguageLink(
            code=code,
            name=name,
            href=translate_url(full_path, code),
            current=code == current,
        )
        for code, name in settings.LANGUAGES
        if public or code in offered
    ]
