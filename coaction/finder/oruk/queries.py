"""Reads behind the ORUK API: parameters checked, lists filtered and paged, and the search
delegated to the finder's own `search_services`, so the API orders results exactly as the
finder does. Only active services are ever returned."""

import datetime
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from coaction.finder import search as finder_search
from coaction.finder.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from coaction.finder.oruk.ids import hsds_uuid, is_uuid, organisation_pk_from_uuid
from coaction.finder.selectors import public_services, with_public_details
from coaction.lib.geo import normalise_postcode
from coaction.organisations.models import Organisation

PER_PAGE = 50
MAX_PER_PAGE = 100
# A search with filters the search itself does not know is ranked over this many matches,
# then filtered; so is every ndjson search and every search of service_at_locations.
SEARCH_WINDOW = 1000
MAX_PROXIMITY_METRES = 1_000_000
CHUNK = 200


class ApiError(ValueError):
    """A request the API cannot answer as asked. The message is shown to the caller."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- parameters -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def envelope(self, contents: list[Any], total: int) -> dict[str, Any]:
        total_pages = math.ceil(total / self.per_page) if total else 0
        return {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": self.page,
            "size": len(contents),
            "first_page": self.page == 1,
            "last_page": self.page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }


@dataclass(frozen=True)
class ServiceQuery:
    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: datetime.datetime | None = None
    postcode: str = ""
    proximity_metres: int | None = None

    @property
    def ranked(self) -> bool:
        """Whether the search decides which services match and in what order."""
        return bool(self.search or self.postcode)

    @property
    def narrowed(self) -> bool:
        return bool(
            self.taxonomy_term_id or self.taxonomy_id or self.organization_id or self.modified_after
        )


def _whole_number(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(f"{name} must be a whole number, not {raw[:20]!r}") from None
    if value < 1:
        raise ApiError(f"{name} must be 1 or more")
    return value


def paging(params: Mapping[str, str]) -> Paging:
    """`per_page` above the maximum is brought down to it rather than refused."""
    page = _whole_number(params, "page", 1)
    per_page = min(_whole_number(params, "per_page", PER_PAGE), MAX_PER_PAGE)
    return Paging(page=page, per_page=per_page)


def flag(params: Mapping[str, str], name: str) -> bool:
    raw = params.get(name, "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise ApiError(f"{name} must be true or false")


def output_format(params: Mapping[str, str]) -> str:
    value = params.get("format", "json").strip().lower() or "json"
    if value not in ("json", "ndjson"):
        raise ApiError("format must be json or ndjson")
    return value


def search_text(params: Mapping[str, str]) -> str:
    text = params.get("search", "").strip()
    if len(text) > finder_search.MAX_QUERY_LENGTH:
        raise ApiError(f"search must be at most {finder_search.MAX_QUERY_LENGTH} characters")
    return text


def service_query(params: Mapping[str, str], *, places: bool = False) -> ServiceQuery:
    modified_after = None
    if raw := params.get("modified_after", "").strip():
        try:
            modified_after = datetime.datetime.fromisoformat(raw.replace(" ", "+"))
        except ValueError:
            raise ApiError(
                "modified_after must be a date and time, such as 2025-01-31T09:00:00Z"
            ) from None
        if modified_after.tzinfo is None:
            modified_after = modified_after.replace(tzinfo=datetime.UTC)
    postcode, proximity = "", None
    if places:
        if raw := params.get("postcode", "").strip():
            postcode = normalise_postcode(raw) or ""
            if not postcode:
                raise ApiError("postcode must be a full UK postcode, such as SW1A 1AA")
        if params.get("proximity", "").strip():
            if not postcode:
                raise ApiError("proximity needs a postcode to measure from")
            proximity = min(_whole_number(params, "proximity", 0), MAX_PROXIMITY_METRES)
    return ServiceQuery(
        search=search_text(params),
        taxonomy_term_id=params.get("taxonomy_term_id", "").strip(),
        taxonomy_id=params.get("taxonomy_id", "").strip(),
        organization_id=params.get("organization_id", "").strip(),
        modified_after=modified_after,
        postcode=postcode,
        proximity_metres=proximity,
    )


# --- ids ------------------------------------------------------------------------------------


def find_term(value: str) -> TaxonomyTerm | None:
    """A term by its own id or by the UUID the API publishes for it."""
    if not value:
        return None
    term = TaxonomyTerm.objects.filter(pk=value).first()
    if term is None and is_uuid(value.lower()):
        for pk in TaxonomyTerm.objects.values_list("pk", flat=True):
            if hsds_uuid("taxonomy_term", pk) == value.lower():
                return TaxonomyTerm.objects.get(pk=pk)
    return term


def find_taxonomy(value: str) -> Taxonomy | None:
    if not value:
        return None
    taxonomy = Taxonomy.objects.filter(pk=value).first()
    if taxonomy is None and is_uuid(value.lower()):
        for pk in Taxonomy.objects.values_list("pk", flat=True):
            if hsds_uuid("taxonomy", pk) == value.lower():
                return Taxonomy.objects.get(pk=pk)
    return taxonomy


def find_organisation(value: str) -> Organisation | None:
    value = value.strip().lower()
    if not value:
        return None
    organisation = Organisation.objects.filter(hsds_id=value).first()
    if organisation is None and (pk := organisation_pk_from_uuid(value)) is not None:
        organisation = Organisation.objects.filter(pk=pk, hsds_id__isnull=True).first()
    return organisation


# --- services -------------------------------------------------------------------------------


def filtered_services(query: ServiceQuery) -> QuerySet[Service]:
    """Active services matching the query's filters (not its search). An id that names
    nothing gives no results, not an error."""
    services = public_services()
    if query.taxonomy_term_id:
        term = find_term(query.taxonomy_term_id)
        if term is None:
            return services.none()
        services = services.filter(terms=term)
    if query.taxonomy_id:
        taxonomy = find_taxonomy(query.taxonomy_id)
        if taxonomy is None:
            return services.none()
        services = services.filter(pk__in=Service.objects.filter(terms__taxonomy=taxonomy))
    if query.organization_id:
        organisation = find_organisation(query.organization_id)
        if organisation is None:
            return services.none()
        services = services.filter(organisation=organisation)
    if query.modified_after:
        services = services.filter(last_modified__gte=query.modified_after)
    return services


def _search(query: ServiceQuery, *, limit: int, offset: int) -> tuple[list[str], int]:
    term = find_term(query.taxonomy_term_id) if query.taxonomy_term_id else None
    organisation = find_organisation(query.organization_id) if query.organization_id else None
    filters = finder_search.SearchFilters(
        postcode=query.postcode,
        within_km=query.proximity_metres / 1000 if query.proximity_metres else None,
        taxonomy_term_id=term.pk if term else "",
        organisation_hsds_id=(organisation.hsds_id or "") if organisation else "",
    )
    try:
        result = finder_search.search_services(
            query=query.search, filters=filters, limit=limit, offset=offset
        )
    except finder_search.SearchError as exc:
        raise ApiError(str(exc)) from None
    return [match.service_id for match in result.matches], result.total


def ranked_service_ids(query: ServiceQuery, *, offset: int, limit: int) -> tuple[list[str], int]:
    """The ids of one page of services, best first, and how many there are in all."""
    services = filtered_services(query)
    if not query.ranked:
        total = services.count()
        ids = list(
            services.order_by("name", "id").values_list("id", flat=True)[offset : offset + limit]
        )
        return ids, total
    if not query.narrowed:
        ids, total = _search(query, limit=limit, offset=offset)
        allowed = set(services.filter(pk__in=ids).values_list("id", flat=True))
        return [i for i in ids if i in allowed], total
    ids, _ = _search(query, limit=SEARCH_WINDOW, offset=0)
    allowed = set(services.filter(pk__in=ids).values_list("id", flat=True))
    ids = [i for i in ids if i in allowed]
    return ids[offset : offset + limit], len(ids)


def all_service_ids(query: ServiceQuery) -> list[str]:
    if not query.ranked:
        return list(filtered_services(query).order_by("name", "id").values_list("id", flat=True))
    return ranked_service_ids(query, offset=0, limit=SEARCH_WINDOW)[0]


def services_in_order(ids: list[str], *, full: bool) -> list[Service]:
    services = public_services().filter(pk__in=ids)
    if full:
        services = with_public_details(services).prefetch_related("organisation__identifiers")
    else:
        services = services.select_related("organisation")
    by_id = {service.pk: service for service in services}
    return [by_id[i] for i in ids if i in by_id]


def service_chunks(ids: list[str], *, full: bool) -> Iterator[list[Service]]:
    """Services in the order of `ids`, a few hundred at a time, for streaming."""
    for start in range(0, len(ids), CHUNK):
        yield services_in_order(ids[start : start + CHUNK], full=full)


def public_service(service_id: str) -> Service | None:
    services = with_public_details(public_services().filter(pk=service_id.lower()))
    return services.prefetch_related("organisation__identifiers").first()


# --- services at locations ------------------------------------------------------------------


def _links() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__in=public_services())


def ranked_link_ids(
    query: ServiceQuery, *, offset: int, limit: int | None
) -> tuple[list[str], int]:
    if not query.ranked:
        links = _links().filter(service__in=filtered_services(query))
        ordered = links.order_by("service__name", "service_id", "id").values_list("id", flat=True)
        if limit is None:
            ids = list(ordered)
            return ids, len(ids)
        return list(ordered[offset : offset + limit]), links.count()
    service_ids = all_service_ids(query)
    rank = {service_id: n for n, service_id in enumerate(service_ids)}
    pairs = _links().filter(service_id__in=service_ids).values_list("id", "service_id")
    ids = [pk for pk, service_id in sorted(pairs, key=lambda p: (rank[p[1]], p[0]))]
    end = None if limit is None else offset + limit
    return ids[offset:end], len(ids)


def links_in_order(ids: list[str]) -> list[ServiceAtLocation]:
    links = _links().filter(pk__in=ids).select_related("location__area", "service__organisation")
    by_id = {link.pk: link for link in links}
    return [by_id[i] for i in ids if i in by_id]


def iter_links(ids: list[str]) -> Iterator[ServiceAtLocation]:
    for start in range(0, len(ids), CHUNK):
        yield from links_in_order(ids[start : start + CHUNK])


def public_link(link_id: str) -> ServiceAtLocation | None:
    link = (
        _links()
        .filter(pk=link_id.lower())
        .select_related("location__area")
        .prefetch_related("location__accessibility")
        .first()
    )
    if link is None:
        return None
    service = public_service(link.service_id)
    if service is None:
        return None
    link.service = service
    return link


# --- organisations and taxonomies -----------------------------------------------------------


def public_organisations(search: str = "") -> QuerySet[Organisation]:
    """Organisations with at least one active service."""
    organisations = Organisation.objects.filter(pk__in=public_services().values("organisation"))
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations.order_by("name", "pk")


def public_organisation(value: str) -> Organisation | None:
    organisation = find_organisation(value)
    if organisation is None:
        return None
    return public_organisations().filter(pk=organisation.pk).prefetch_related("identifiers").first()


def services_of(organisation: Organisation, *, full: bool) -> list[Service]:
    ids = list(
        public_services()
        .filter(organisation=organisation)
        .order_by("name", "id")
        .values_list("id", flat=True)
    )
    return services_in_order(ids, full=full)


def taxonomies(search: str = "") -> QuerySet[Taxonomy]:
    rows = Taxonomy.objects.order_by("name", "pk")
    return rows.filter(name__icontains=search) if search else rows


def taxonomy_terms(params: Mapping[str, str]) -> QuerySet[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.order_by("taxonomy_id", "facet", "position", "name", "pk")
    if search := search_text(params):
        terms = terms.filter(name__icontains=search) | terms.filter(code__icontains=search)
    if raw := params.get("taxonomy_id", "").strip():
        taxonomy = find_taxonomy(raw)
        terms = terms.filter(taxonomy=taxonomy) if taxonomy else terms.none()
    if raw := params.get("parent_id", "").strip():
        parent = find_term(raw)
        terms = terms.filter(parent=parent) if parent else terms.none()
    if flag(params, "top_only"):
        terms = terms.filter(parent__isnull=True)
    return terms
