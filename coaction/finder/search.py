"""One search for services, used by the public finder and by the ORUK API's `search`.

`search_services` takes free text in any language and structured filters, and returns
matches ordered by relevance, best first, each with the reasons it matched."""

from dataclasses import dataclass, field

from django.db.models import Q

from coaction.finder.selectors import public_services

MAX_QUERY_LENGTH = 500


class SearchError(ValueError):
    """The search cannot run as asked (for example an unknown postcode). The message is safe
    to show to the person searching."""


@dataclass(frozen=True)
class SearchFilters:
    need: str = ""  # a TaxonomyTerm code with facet "need"
    language: str = ""  # ISO 639 code of a language staff speak
    community: str = ""  # a TaxonomyTerm code with facet "community"
    faith: str = ""  # a TaxonomyTerm code with facet "faith"
    disability_access: bool = False  # step-free access, hearing loop or BSL at a location
    lgbtq: bool = False
    nrpf: bool = False  # accepts women with no recourse to public funds
    by_and_for: bool = False
    open_now: bool = False
    postcode: str = ""
    within_km: float | None = None
    organisation_hsds_id: str = ""
    taxonomy_term_id: str = ""


@dataclass
class Match:
    service_id: str
    score: float
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None


@dataclass
class SearchResult:
    matches: list[Match]
    total: int


def search_services(
    *, query: str = "", filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
) -> SearchResult:
    """A first, lexical-only implementation behind the final interface."""
    filters = filters or SearchFilters()
    query = query.strip()[:MAX_QUERY_LENGTH]
    services = public_services()
    if filters.need:
        services = services.filter(terms__code=filters.need)
    if filters.language:
        services = services.filter(languages__code=filters.language, languages__mode="staff")
    if filters.by_and_for:
        services = services.filter(organisation__leadership_type="by_and_for")
    if query:
        services = services.filter(Q(name__icontains=query) | Q(description__icontains=query))
    ids = list(services.distinct().order_by("name").values_list("id", flat=True))
    page = ids[offset : offset + limit]
    return SearchResult(matches=[Match(service_id=i, score=1.0) for i in page], total=len(ids))
