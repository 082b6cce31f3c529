"""Safety for the public finder's pages, whatever a view or another middleware does.

A survivor may be on a phone someone else checks, so every response under /find/ (and
/<language>/find/):

- sends no cookie, and is rendered without reading one: a signed-in staff member sees the
  same page as anyone, and their session is neither read nor changed;
- tells the browser not to store the page (`Cache-Control: no-store`) and not to tell the
  next site where the visitor came from (`Referrer-Policy: no-referrer`);
- leaves no search in the application's logs: records emitted while answering such a request
  are dropped, and errors are kept only as their kind and where in the code they happened.

Manager pages that need a session live outside these paths, or under `find/manage/`, which
this middleware leaves alone."""

import functools
import logging
import re
import traceback
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

# Set while a public finder request is being answered, in this thread or task only.
_answering_finder_request: ContextVar[bool] = ContextVar("answering_finder_request", default=False)


@functools.lru_cache(maxsize=8)
def _finder_path(language_codes: tuple[str, ...]) -> re.Pattern[str]:
    prefixes = "|".join(re.escape(code) for code in language_codes)
    return re.compile(rf"^/(?:(?:{prefixes})/)?find(?:/(?!manage(?:/|$))|$)")


def is_public_finder_path(path: str) -> bool:
    codes = tuple(sorted((code for code, _name in settings.LANGUAGES), key=len, reverse=True))
    return bool(_finder_path(codes).match(path))


def _without_cookie_in_vary(value: str) -> str:
    return ", ".join(
        header for header in cc_delim_re.split(value) if header and header.lower() != "cookie"
    )


class PublicFinderMiddleware:
    """Put it first in MIDDLEWARE, so that it sees the request before the session, CSRF and
    message middleware read cookies, and the response after they have set any."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_finder_path(request.path_info):
            return self.get_response(request)
        token = _answering_finder_request.set(True)
        try:
            # Rendered as for anyone: no session, no CSRF token, no queued messages.
            request.COOKIES = {}
            request.META.pop("HTTP_COOKIE", None)
            response = self.get_response(request)
        finally:
            _answering_finder_request.reset(token)
        response.cookies.clear()
        for header in ("Set-Cookie", "Expires", "Last-Modified", "ETag"):
            response.headers.pop(header, None)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        if "Vary" in response.headers:
            vary = _without_cookie_in_vary(response.headers["Vary"])
            if vary:
                response.headers["Vary"] = vary
            else:
                del response.headers["Vary"]
        return response


class WithholdFinderRequests(logging.Filter):
    """A logging filter for every handler: nothing logged while a public finder request is
    answered may carry what was searched for. Anything below ERROR is dropped; an error is
    kept as its kind and its traceback's frames, without the exception's message, the request
    or the arguments (any of which can quote the query)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path_info", None) or getattr(request, "path", None)
        if not _answering_finder_request.get() and not (
            isinstance(path, str) and is_public_finder_path(path)
        ):
            return True
        if record.levelno < logging.ERROR:
            return False
        if getattr(record, "finder_details_withheld", False):
            return True  # already rewritten by another handler's filter
        kind = "error"
        frames = ""
        if record.exc_info and record.exc_info[0] is not None:
            kind = record.exc_info[0].__name__
            frames = "".join(traceback.format_tb(record.exc_info[2]))
        record.msg = (
            "%s while answering a public finder page (details withheld: they can carry what "
            "someone searched for)\n%s"
        )
        record.args = (kind, frames)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        if hasattr(record, "request"):
            record.request = None
        record.finder_details_withheld = True
        return True
