"""The Open Referral UK API at /api/oruk/ (HSDS 3.0 `openapi.json`). Open to anyone, read-only,
and as careful as the finder: no cookie, no CSRF token, no log of what was searched for, and
`Cache-Control: no-store` on anything that can show what someone looked at. Views only read
parameters and shape responses; queries live in oruk.queries and shapes in oruk.publish."""

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from coaction.finder.oruk import publish, queries
from coaction.finder.oruk.queries import ApiError

View = Callable[..., HttpResponse]
PREFIX = "/api/oruk/"
ALLOWED = "GET, HEAD, OPTIONS"
# Lists of taxonomy terms say nothing about who asked; they may be cached briefly.
SHORT_CACHE = "public, max-age=300"


class OrukApiMiddleware:
    """First in MIDDLEWARE. The API answers everyone alike, whoever is signed in: its requests
    lose their cookies before the session, CSRF and sign-in middleware read them (so no
    session is loaded, nothing redirects to a sign-in step, nothing varies by cookie), and
    its responses carry none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        request.COOKIES = {}
        request.META.pop("HTTP_COOKIE", None)
        response = self.get_response(request)
        response.cookies.clear()
        response.headers.pop("Set-Cookie", None)
        if "Vary" in response.headers:
            vary = [v.strip() for v in response.headers["Vary"].split(",")]
            kept = ", ".join(v for v in vary if v and v.lower() != "cookie")
            if kept:
                response.headers["Vary"] = kept
            else:
                del response.headers["Vary"]
        return response


def oruk_endpoint(*, cacheable: bool = False) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @csrf_exempt  # GET only; a POST is answered 405, never checked for a CSRF token
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Methods"] = ALLOWED
                response["Access-Control-Max-Age"] = "86400"
            elif request.method not in ("GET", "HEAD"):
                response = JsonResponse({"error": "This API is read-only: use GET"}, status=405)
            else:
                try:
                    response = view(request, *args, **kwargs)
                except ApiError as exc:
                    response = JsonResponse({"error": exc.message}, status=exc.status)
            response["Allow"] = ALLOWED
            response["Access-Control-Allow-Origin"] = "*"
            response["Referrer-Policy"] = "no-referrer"
            searched = any(request.GET.get(p) for p in ("search", "postcode"))
            ok = response.status_code == 200
            response["Cache-Control"] = (
                SHORT_CACHE if cacheable and ok and not searched else "no-store"
            )
            response.cookies.clear()
            return response

        return wrapper

    return decorate


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _ndjson(items: Iterable[dict[str, Any]]) -> StreamingHttpResponse:
    def lines() -> Iterator[str]:
        for item in items:
            yield json.dumps(item, ensure_ascii=False) + "\n"

    return StreamingHttpResponse(lines(), content_type="application/x-ndjson")


def _not_found(what: str) -> ApiError:
    return ApiError(f"No {what} has that id", status=404)


@oruk_endpoint(cacheable=True)
def index(request: HttpRequest) -> HttpResponse:
    return _json({"version": publish.HSDS_VERSION, "profile": publish.PROFILE_URL})


@oruk_endpoint()
def services(request: HttpRequest) -> HttpResponse:
    params = request.GET
    query = queries.service_query(params)
    full, minimal = queries.flag(params, "full"), queries.flag(params, "minimal")

    def shape(row: Any, context: publish.Context | None) -> dict[str, Any]:
        if minimal:
            return publish.service_minimal(row)
        if full and context is not None:
            return publish.service_full(row, context)
        return publish.service_summary(row)

    if queries.output_format(params) == "ndjson":
        ids = queries.all_service_ids(query)

        def stream() -> Iterator[dict[str, Any]]:
            for chunk in queries.service_chunks(ids, full=full):
                context = publish.Context.for_services(chunk) if full else None
                yield from (shape(row, context) for row in chunk)

        return _ndjson(stream())
    page = queries.paging(params)
    ids, total = queries.ranked_service_ids(query, offset=page.offset, limit=page.per_page)
    found = queries.services_in_order(ids, full=full)
    context = publish.Context.for_services(found) if full else None
    return _json(page.envelope([shape(row, context) for row in found], total))


@oruk_endpoint()
def service(request: HttpRequest, service_id: str) -> HttpResponse:
    found = queries.public_service(service_id)
    if found is None:
        raise _not_found("active service")
    return _json(publish.service_full(found, publish.Context.for_services([found])))


@oruk_endpoint()
def service_at_locations(request: HttpRequest) -> HttpResponse:
    params = request.GET
    query = queries.service_query(params, places=True)
    if queries.output_format(params) == "ndjson":
        ids, _ = queries.ranked_link_ids(query, offset=0, limit=None)
        return _ndjson(
            publish.service_at_location_summary(link) for link in queries.iter_links(ids)
        )
    page = queries.paging(params)
    ids, total = queries.ranked_link_ids(query, offset=page.offset, limit=page.per_page)
    contents = [publish.service_at_location_summary(link) for link in queries.links_in_order(ids)]
    return _json(page.envelope(contents, total))


@oruk_endpoint()
def service_at_location(request: HttpRequest, link_id: str) -> HttpResponse:
    link = queries.public_link(link_id)
    if link is None:
        raise _not_found("service at an active location")
    context = publish.Context.for_services([link.service])
    return _json(publish.service_at_location_full(link, context))


@oruk_endpoint()
def organizations(request: HttpRequest) -> HttpResponse:
    params = request.GET
    rows = queries.public_organisations(queries.search_text(params))
    if queries.output_format(params) == "ndjson":
        return _ndjson(publish.organisation_summary(o) for o in rows.iterator(chunk_size=500))
    page = queries.paging(params)
    found = list(rows[page.offset : page.offset + page.per_page])
    return _json(page.envelope([publish.organisation_summary(o) for o in found], rows.count()))


@oruk_endpoint()
def organization(request: HttpRequest, organisation_id: str) -> HttpResponse:
    found = queries.public_organisation(organisation_id)
    if found is None:
        raise _not_found("organisation with active services")
    full = queries.flag(request.GET, "full_service")
    return _json(
        publish.organisation_full(found, queries.services_of(found, full=full), full_services=full)
    )


@oruk_endpoint(cacheable=True)
def taxonomies(request: HttpRequest) -> HttpResponse:
    params = request.GET
    rows = queries.taxonomies(queries.search_text(params))
    if queries.output_format(params) == "ndjson":
        return _ndjson(publish.taxonomy(t) for t in rows)
    page = queries.paging(params)
    found = list(rows[page.offset : page.offset + page.per_page])
    return _json(page.envelope([publish.taxonomy(t) for t in found], rows.count()))


@oruk_endpoint(cacheable=True)
def taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    found = queries.find_taxonomy(taxonomy_id)
    if found is None:
        raise _not_found("taxonomy")
    return _json(publish.taxonomy(found))


@oruk_endpoint(cacheable=True)
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    params = request.GET
    rows = queries.taxonomy_terms(params)
    context = publish.Context(taxonomies={t.pk: t for t in queries.taxonomies()})
    if queries.output_format(params) == "ndjson":
        return _ndjson(publish.taxonomy_term(t, context) for t in rows)
    page = queries.paging(params)
    found = list(rows[page.offset : page.offset + page.per_page])
    return _json(page.envelope([publish.taxonomy_term(t, context) for t in found], rows.count()))


@oruk_endpoint(cacheable=True)
def taxonomy_term(request: HttpRequest, term_id: str) -> HttpResponse:
    found = queries.find_term(term_id)
    if found is None:
        raise _not_found("taxonomy term")
    context = publish.Context(taxonomies={t.pk: t for t in queries.taxonomies()})
    return _json(publish.taxonomy_term(found, context))
