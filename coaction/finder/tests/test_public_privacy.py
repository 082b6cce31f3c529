"""The public finder's middleware and logging filter: no cookie in or out, no cache, no
referrer, and no search in the logs."""

import logging

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from coaction.finder import views
from coaction.finder.middleware import (
    PublicFinderMiddleware,
    WithholdFinderRequests,
    is_public_finder_path,
)

SECRET_QUERY = "husband reads my phone quillfeather"


@pytest.mark.parametrize(
    ("path", "public"),
    [
        ("/find/", True),
        ("/find", True),
        ("/find/results/", True),
        ("/find/services/abc/", True),
        ("/ur/find/", True),
        ("/ur/find/browsing-safely/", True),
        ("/find/manage/organisations/a/services/", False),
        ("/ur/find/manage/gaps/", False),
        ("/findings/", False),
        ("/", False),
        ("/organisations/find/", False),
        ("/xx/find/", False),
    ],
)
def test_it_knows_which_paths_are_public_finder_pages(path, public):
    assert is_public_finder_path(path) is public


def test_the_middleware_strips_cookies_both_ways_and_sets_the_headers():
    seen = {}

    def view(request):
        seen["cookies"] = dict(request.COOKIES)
        seen["header"] = request.META.get("HTTP_COOKIE")
        response = HttpResponse("ok")
        response.set_cookie("tracker", "1")
        response.headers["Vary"] = "Cookie, Accept-Language"
        response.headers["Cache-Control"] = "max-age=600"
        return response

    request = RequestFactory().get("/find/results/?q=x", HTTP_COOKIE="sessionid=abc; csrftoken=def")
    response = PublicFinderMiddleware(view)(request)

    assert seen == {"cookies": {}, "header": None}
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response.headers["Vary"] == "Accept-Language"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_middleware_leaves_other_pages_alone():
    def view(request):
        response = HttpResponse(request.COOKIES.get("sessionid", ""))
        response.set_cookie("kept", "1")
        return response

    request = RequestFactory().get("/find/manage/gaps/", HTTP_COOKIE="sessionid=abc")
    response = PublicFinderMiddleware(view)(request)

    assert response.content == b"abc"
    assert "kept" in response.cookies
    assert "Referrer-Policy" not in response.headers


def test_the_configured_console_handler_withholds_finder_requests():
    handlers = [*logging.getLogger().handlers, *logging.getLogger("django.request").handlers]
    assert any(
        isinstance(f, WithholdFinderRequests) for handler in handlers for f in handler.filters
    )


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
        self.addFilter(WithholdFinderRequests())

    def emit(self, record):
        self.records.append(record)

    def text(self):
        return "\n".join(self.format(record) for record in self.records)


@pytest.fixture
def captured():
    """Every record, at every level, through the filter, as a verbose production setting
    (LOG_LEVEL=DEBUG) would send it."""
    handler = Capture()
    loggers = [logging.getLogger(), logging.getLogger("django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_an_error_on_a_finder_page_is_logged_without_the_search(db, monkeypatch, captured):
    def broken(*, query="", **kwargs):
        logging.getLogger("coaction.finder.search").warning("searching for %s", query)
        raise RuntimeError(f"could not search for {query}")

    monkeypatch.setattr(views, "search_services", broken)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("finder:results"), {"q": SECRET_QUERY})

    assert response.status_code == 500
    assert SECRET_QUERY not in captured.text()
    assert "quillfeather" not in captured.text()
    errors = [r for r in captured.records if r.levelno >= logging.ERROR]
    assert errors, "the error itself must still be logged"
    assert "RuntimeError while answering a public finder page" in captured.text()
    assert "broken" in captured.text()  # the traceback's frames are kept
    assert all(r.exc_info is None and getattr(r, "request", None) is None for r in errors)
    assert not [r for r in captured.records if r.levelno < logging.ERROR]


def test_a_not_found_or_refused_finder_page_is_not_logged(client, db, captured):
    client.get("/find/" + SECRET_QUERY.replace(" ", "-") + "/", {"q": SECRET_QUERY})
    client.get(reverse("finder:results"), {"q": SECRET_QUERY, "need": "quillfeather"})
    client.post(reverse("finder:results"), {"q": SECRET_QUERY})
    assert captured.records == []


def test_a_not_found_page_elsewhere_is_logged(client, db, captured):
    client.get("/no-such-page/")
    assert "Not Found: /no-such-page/" in captured.text()


def test_records_from_other_pages_are_kept(client, db, captured):
    logging.getLogger("coaction.test").warning("an ordinary warning")
    assert "an ordinary warning" in captured.text()
