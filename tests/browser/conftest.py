"""Fixtures for the browser tests: Debian's headless Chromium, driven by Playwright's sync API,
against pytest-django's live server, with axe-core checking every page."""

import importlib
import os
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOT_DIR = REPO_ROOT / "docs" / "screenshots"

# Long enough for a cold first page on a busy machine; auto-waiting returns as soon as it can.
TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}

# Contexts opened with JavaScript switched off, which axe cannot run in directly.
_scriptless_contexts: "weakref.WeakSet[Any]" = weakref.WeakSet()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless Chromium for the whole session; each test gets its own context."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed, so the browser tests cannot run")
    # Playwright's sync API keeps an asyncio event loop running in this thread for as long as
    # it is started, and Django refuses ORM calls from a thread with a running loop. The loop
    # only drives the browser, so the tests' own ORM calls (fixtures, assertions, flushing
    # the database afterwards) are safe: allow them for exactly that long.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: None) -> None:
    """The live server needs a transactional database, which is emptied after each test, taking
    the reference lists (specialisms, languages, by-and-for criteria) that a migration loads
    with it. Load them again from that migration. (Django's serialized rollback would restore
    them too, but replaying its snapshot trips the audit log's signal handlers.)"""
    from django.apps import apps

    migration = importlib.import_module("coaction.organisations.migrations.0002_reference_data")
    migration.load(apps, None)


@pytest.fixture
def new_context(chromium_browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Open browser contexts pointed at the live server, closed when the test ends. Keyword
    arguments go to Playwright's `new_context`, for a narrow viewport or no JavaScript.

    A script error or a Content Security Policy violation on any page fails the test: either
    means part of a page is silently not working."""
    contexts = []
    problems: list[str] = []

    def note_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def note_error(error: Any) -> None:
        problems.append(f"{error.page.url if error.page else '?'}: {error.error}")

    def open_context(**options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "en-GB")
        context = chromium_browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", note_console)
        context.on("weberror", note_error)
        if options.get("java_script_enabled") is False:
            _scriptless_contexts.add(context)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems))


@pytest.fixture
def page(new_context: Callable[..., Any]) -> Any:
    return new_context().new_page()


def assert_accessible(page: Any) -> None:
    """Run axe-core's WCAG 2.2 AA rules on the page and fail with a readable list of what it
    finds."""
    if page.context in _scriptless_contexts:
        _audit_scriptless_page(page)
        return
    # The page's Content Security Policy refuses injected script tags; evaluating axe through
    # the DevTools protocol is not subject to it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = results["violations"]
    if violations:
        report = "\n".join(_describe(v) for v in violations)
        pytest.fail(f"axe found {len(violations)} problem(s) on {page.url}:\n{report}")


def _audit_scriptless_page(page: Any) -> None:
    """In a page with JavaScript off, promises never settle, so axe cannot report. Audit a
    copy instead: the same document, as the browser built it without scripts, served at the
    same address in a page that can run axe, under a policy that still refuses the page's
    own scripts. It gets the same styles and lays out as the original does."""
    document = page.content()
    target = page.url
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        copy = context.new_page()
        copy.route(
            lambda url: url == target,
            lambda route: route.fulfill(
                status=200,
                content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": "script-src 'none'"},
                body=document,
            ),
        )
        copy.goto(target)
        assert_accessible(copy)
    finally:
        context.close()


def _describe(violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    targets = "; ".join(" ".join(str(part) for part in node["target"]) for node in nodes[:5])
    if len(nodes) > 5:
        targets += f" (and {len(nodes) - 5} more)"
    return (
        f"- {violation['id']} [{violation.get('impact') or 'unknown impact'}]: "
        f"{violation['help']}\n"
        f"    at {targets}\n"
        f"    {violation['helpUrl']}"
    )


def save_screenshot(page: Any, name: str) -> None:
    """Save a full-page screenshot for the documentation when SCREENSHOTS=1."""
    if os.environ.get("SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture() -> Callable[[Any], None]:
    return assert_accessible


@pytest.fixture(name="save_screenshot")
def save_screenshot_fixture() -> Callable[[Any, str], None]:
    return save_screenshot
