"""Every catalogue is complete and safe to format, its compiled .mo matches it, and pages under
/ur/ come out in Urdu, right to left."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# English is the source language and has no catalogue; every other language must have one.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# Where the strings a survivor can meet come from. Must match docs/translations.md.
PUBLIC_SOURCES = re.compile(
    r"coaction/(core/jinja2/(layouts|components|errors)/|finder/jinja2/finder/(?!manage)"
    r"|finder/(search|needs|taxonomy|views|forms|models|selectors)\.py|core/(views|i18n)\.py"
    r"|core/jinja2/core/(welcome|accessibility|privacy))"
)

# A Python %-format placeholder, named or not, or an escaped percent sign.
PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def _catalogue(code: str) -> Catalog:
    with (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").open("rb") as f:
        return read_po(f, locale=code)


def _entries(code: str) -> list[Message]:
    return [message for message in _catalogue(code) if message.id]


def _as_tuple(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _urdu(msgid: str) -> str:
    message = _catalogue("ur").get(msgid)
    assert message is not None, f"{msgid!r} is not in the Urdu catalogue"
    assert isinstance(message.string, str)
    return message.string


def test_urdu_has_two_plural_forms() -> None:
    catalogue = _catalogue("ur")
    assert catalogue.num_plurals == 2
    assert catalogue.plural_expr.replace(" ", "") in {"(n!=1)", "n!=1"}


def _is_public(message: Message) -> bool:
    return any(PUBLIC_SOURCES.search(path) for path, _line in message.locations)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_entry_a_reader_may_see_is_translated_and_none_is_fuzzy(code: str) -> None:
    """Staff languages are translated in full. The finder's languages cover every string a
    survivor can meet: the public finder, the layout and shared components, public pages."""
    catalogue = _catalogue(code)
    assert not catalogue.fuzzy, "the catalogue header is marked fuzzy, so it would not compile"
    required = [m for m in _entries(code) if code in settings.STAFF_LANGUAGES or _is_public(m)]
    untranslated = [m.id for m in required if not all(_as_tuple(m.string))]
    fuzzy = [m.id for m in _entries(code) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_public_set_is_not_empty() -> None:
    assert sum(1 for m in _entries("pl") if _is_public(m)) > 100


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_placeholder_survives_translation(code: str) -> None:
    problems = []
    for message in _entries(code):
        ids = _as_tuple(message.id)
        # Each form must take every argument the code passes, the singular's and the plural's
        # alike, and no other; an escaped %% must stay escaped.
        expected = _placeholders(ids[0]) | _placeholders(ids[-1])
        plural = len(ids) > 1
        for form in _as_tuple(message.string):
            found = _placeholders(form)
            # A plural form may leave out a named count, as Arabic does for "one" and "two"
            # ("خدمة واحدة"); named placeholders are filled from a dict, so that is safe.
            # A positional one cannot be left out, and no form may add one.
            missing = expected - found
            if found - expected or (missing and (not plural or not all("(" in p for p in missing))):
                problems.append((ids[0], form))
    assert problems == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_committed_mo_matches_the_po(code: str) -> None:
    """A fresh clone is served from the .mo: it must not lag behind the .po."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").open("rb") as f:
        compiled = {_as_tuple(m.id): _as_tuple(m.string) for m in read_mo(f) if m.id}
    expected = {_as_tuple(m.id): _as_tuple(m.string) for m in _entries(code)}
    assert compiled == expected, "run `make messages` to recompile the catalogues"


def test_the_urdu_home_page_is_right_to_left_and_in_urdu(client, db):
    response = client.get("/ur/")

    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<html[^>]*\blang="ur"', body)
    assert re.search(r'<html[^>]*\bdir="rtl"', body)
    sign_in = _urdu("Sign in")
    assert sign_in and sign_in != "Sign in"
    assert sign_in in body
    assert ">Sign in<" not in body


def test_the_english_home_page_is_left_to_right(client, db):
    response = client.get("/")

    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<html[^>]*\blang="en"', body)
    assert re.search(r'<html[^>]*\bdir="ltr"', body)
    assert "Sign in" in body
    assert _urdu("Sign in") not in body


@pytest.mark.parametrize(
    ("msgid", "path"),
    [
        ("Email address", "/ur/accounts/sign-in/"),
        ("I have forgotten my password", "/ur/accounts/sign-in/"),
        # Django's own label: our catalogue is read before Django's.
        ("Password", "/ur/accounts/sign-in/"),
        ("Page not found", "/ur/no-such-page/"),
    ],
)
def test_urdu_pages_use_the_catalogue(client, db, msgid, path):
    assert _urdu(msgid) in client.get(path).content.decode()


@pytest.mark.parametrize("code", ["ur", "ar", "fa", "ps", "ckb"])
def test_right_to_left_languages_are_laid_out_right_to_left(code):
    from django.utils import translation

    with translation.override(code):
        assert translation.get_language_bidi()
