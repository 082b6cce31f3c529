"""One search for services, used by the public finder and by the ORUK API's `search`.

`search_services` takes free text in any language and structured filters, and returns
matches ordered by relevance, best first, each with the reasons it matched.

How it works:

1. The filters narrow the services in the database to a candidate set (need, language staff
   speak, community, faith, access, LGBTQ+, NRPF, by-and-for, open now), and a postcode and
   radius narrow it further using each location's public coordinates.
2. The words of the search are matched three ways, each giving a ranking:
   - by meaning: the search's multilingual embedding against every service's (so a need
     written in Urdu finds a service described in English);
   - by words: full-text search in the database (BM25 in SQLite FTS5, ts_rank in PostgreSQL);
   - by need: the taxonomy terms the search expresses (coaction.finder.needs, from a
     multilingual lexicon and embedding similarity), which lift services tagged with them.
   The language the search is written in lifts services whose staff speak it.
3. Reciprocal rank fusion (coaction.lib.ranking) combines the rankings.

Nothing here logs, stores or sends the search anywhere: the only trace is a query embedding
kept in this process's memory so that paging does not embed it again."""

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from numpy.typing import NDArray

from coaction.finder import embeddings, lexical, needs, search_index
from coaction.finder.models import (
    Accessibility,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from coaction.finder.search_index import SearchIndex
from coaction.lib import geo, ranking
from coaction.organisations.models import Organisation, validate_iso_639

MAX_QUERY_LENGTH = 500
MAX_LIMIT = 200
MAX_RADIUS_KM = 1000.0
LONDON = ZoneInfo("Europe/London")

# Fusion. A small k makes the first places of each ranking count much more than the tail:
# survivors read the first few results.
RRF_K = 10.0
WEIGHT_MEANING = 1.0
WEIGHT_WORDS = 1.5
# A need the search surely expresses is worth this many first places in a ranking.
WEIGHT_NEED = 1.5
FACET_WEIGHTS = {"need": 1.0, "eligibility": 0.8, "faith": 0.5, "community": 0.5}
WEIGHT_STAFF_LANGUAGE = 0.35
WEIGHT_INTERPRETER_LANGUAGE = 0.2
WEIGHT_NEARBY = 0.3
# Semantic similarity ranks every service; only the nearest this many count as matches on
# meaning alone (a service also matches through its words or a need it is tagged with).
MEANING_DEPTH = 50
WORDS_DEPTH = 200

_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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
    # Taxonomy term codes the search expressed that this service is tagged with.
    matched_terms: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    matches: list[Match]
    total: int
    # Term codes the search was understood to ask for, surest first, and the language it is
    # written in ("" for English or unknown), so a page can say what it understood.
    understood_terms: list[str] = field(default_factory=list)
    query_language: str = ""


def clean_query(query: str) -> str:
    """The search as it is used: control characters removed, spaces collapsed, cut to
    MAX_QUERY_LENGTH characters."""
    query = _CONTROL.sub(" ", unicodedata.normalize("NFC", query or ""))
    return " ".join(query.split())[:MAX_QUERY_LENGTH].strip()


def search_services(
    *,
    query: str = "",
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    now: datetime | None = None,
) -> SearchResult:
    """Services matching `query` and `filters`, best first. `now` (default: the current
    time) decides what "open now" means."""
    filters = filters or SearchFilters()
    query = clean_query(query)
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    local_now = timezone.localtime(now or timezone.now(), LONDON)

    origin = _origin(filters)
    _check_filters(filters)
    index = search_index.current()
    # Opening hours and leadership are read from the index (see below); the other filters
    # from the database.
    filtered = _filtered(filters, local_now, open_now=False, by_and_for=False)
    candidates = (
        index.mask(list(filtered.values_list("id", flat=True)))
        if filtered is not None
        else np.ones(index.size, dtype=bool)
    )
    if filters.open_now:
        # From the index's copy of the hours: at national scale most services are open in
        # the daytime, and listing 20,000 ids from the database would cost more than the
        # rest of the search.
        seconds = local_now.hour * 3600 + local_now.minute * 60 + local_now.second
        candidates &= index.open_at(local_now.weekday(), seconds)
    if filters.by_and_for:
        # Also from the index: a third of services nationally, and the database would read
        # every one of their rows to list them.
        candidates &= index.by_and_for
    distances = None
    if origin is not None:
        distances = _distances(index, origin)
        if filters.within_km is not None:
            candidates &= distances <= filters.within_km

    understanding = needs.Understanding()
    word_hits = np.zeros(index.size, dtype=bool)
    if query:
        vector = embeddings.query_vector(query) if index.vectors.shape[1] else None
        understanding = needs.understand(query, vector)
        scores, relevant, word_hits = _relevance(
            index, query, vector, understanding, candidates, distances, filtered
        )
        rows = np.flatnonzero(relevant)
        # Stable, so equal scores keep name order.
        order = rows[np.argsort(-scores[rows], kind="stable")]
    else:
        rows = np.flatnonzero(candidates)
        if distances is not None:
            order = rows[np.argsort(distances[rows], kind="stable")]
        else:
            order = rows
        scores = np.zeros(index.size)

    page = order[offset : offset + limit]
    matches = _explain(
        index,
        [int(row) for row in page],
        scores=scores,
        distances=distances,
        understanding=understanding,
        word_hits=word_hits,
        filters=filters,
        local_now=local_now,
    )
    return SearchResult(
        matches=matches,
        total=int(order.size),
        understood_terms=understanding.detected(),
        query_language=understanding.language,
    )


# --- Filters --------------------------------------------------------------------------------


def _origin(filters: SearchFilters) -> tuple[float, float] | None:
    if filters.within_km is not None:
        radius = filters.within_km
        if not isinstance(radius, int | float) or not math.isfinite(radius) or radius <= 0:
            raise SearchError(_("Give a distance greater than 0 km."))
        if radius > MAX_RADIUS_KM:
            raise SearchError(_("Give a distance of at most 1,000 km."))
        if not filters.postcode.strip():
            raise SearchError(_("Give a postcode to search by distance."))
    if not filters.postcode.strip():
        return None
    postcode = geo.normalise_postcode(filters.postcode)
    if postcode is None:
        raise SearchError(_("Enter a full UK postcode, like SW1A 1AA."))
    centroid = Postcode.objects.filter(postcode=postcode).values_list("latitude", "longitude")
    found = centroid.first()
    if found is None:
        raise SearchError(
            _("We could not find the postcode %(postcode)s.")
            % {"postcode": geo.format_postcode(postcode)}
        )
    return float(found[0]), float(found[1])


def _term_exists(code: str, facet: str) -> bool:
    return TaxonomyTerm.objects.filter(code=code, facet=facet).exists()


def _check_filters(filters: SearchFilters) -> None:
    """Refuse filter values that do not exist, rather than quietly finding nothing."""
    if filters.need and not _term_exists(filters.need, TaxonomyTerm.Facet.NEED):
        raise SearchError(
            _("There is no kind of help called “%(value)s”.") % {"value": filters.need}
        )
    if filters.community and not _term_exists(filters.community, TaxonomyTerm.Facet.COMMUNITY):
        raise SearchError(
            _("There is no community called “%(value)s”.") % {"value": filters.community}
        )
    if filters.faith and not _term_exists(filters.faith, TaxonomyTerm.Facet.FAITH):
        raise SearchError(_("There is no faith called “%(value)s”.") % {"value": filters.faith})
    if filters.language:
        try:
            validate_iso_639(filters.language.strip().lower())
        except ValidationError as exc:
            raise SearchError(
                _("There is no language with the code “%(value)s”.") % {"value": filters.language}
            ) from exc
    if (
        filters.taxonomy_term_id
        and not TaxonomyTerm.objects.filter(id=filters.taxonomy_term_id).exists()
    ):
        raise SearchError(
            _("There is no taxonomy term “%(value)s”.") % {"value": filters.taxonomy_term_id}
        )
    if (
        filters.organisation_hsds_id
        and not Organisation.objects.filter(hsds_id=filters.organisation_hsds_id).exists()
    ):
        raise SearchError(
            _("There is no organisation “%(value)s”.") % {"value": filters.organisation_hsds_id}
        )


def _tagged(code: str) -> Q:
    # Filters are written as "id in (a subquery that does not refer to the outer row)":
    # the database works the subquery out once, where a correlated EXISTS would run per
    # service (20,000 times at national scale).
    return Q(
        pk__in=Service.terms.through.objects.filter(taxonomyterm__code=code).values("service_id")
    )


def open_schedules(local_now: datetime) -> Q:
    """Schedule rows that make a service open at `local_now` (London time). A closing time
    at or before the opening time means the hours run past midnight (22:00-06:00; 00:00-00:00
    is all day)."""
    today = _DAYS[local_now.weekday()]
    yesterday = _DAYS[(local_now.weekday() - 1) % 7]
    time = local_now.time().replace(tzinfo=None)
    overnight = Q(closes_at__lte=F("opens_at"))
    return (
        Q(byday=today, opens_at__lte=time, closes_at__gt=time)
        | (Q(byday=today, opens_at__lte=time) & overnight)
        | (Q(byday=yesterday, closes_at__gt=time) & overnight)
    )


def _filtered(
    filters: SearchFilters, local_now: datetime, *, open_now: bool = True, by_and_for: bool = True
) -> QuerySet[Service] | None:
    """The services the filters allow, or None when no database filter applies. Whether a
    service is public is left to the index, which holds public services only: asking here
    too would make the database read every wide service row."""
    services = Service.objects.order_by()
    applied = False
    for code in (
        filters.need,
        filters.community,
        filters.faith,
        "lgbtq" if filters.lgbtq else "",
        "nrpf-accepted" if filters.nrpf else "",
    ):
        if code:
            services = services.filter(_tagged(code))
            applied = True
    if filters.language:
        speakers = ServiceLanguage.objects.filter(
            code=filters.language.strip().lower(), mode=ServiceLanguage.Mode.STAFF
        )
        services = services.filter(pk__in=speakers.values("service_id"))
        applied = True
    if filters.disability_access:
        accessible = Accessibility.objects.filter(
            Q(step_free=True) | Q(hearing_loop=True) | Q(bsl=True)
        ).values("location_id")
        at_accessible = ServiceAtLocation.objects.filter(location_id__in=accessible)
        services = services.filter(pk__in=at_accessible.values("service_id"))
        applied = True
    if filters.by_and_for and by_and_for:
        services = services.filter(
            organisation__leadership_type=Organisation.LeadershipType.BY_AND_FOR
        )
        applied = True
    if filters.open_now and open_now:
        open_slots = Schedule.objects.filter(open_schedules(local_now))
        services = services.filter(pk__in=open_slots.values("service_id"))
        applied = True
    if filters.organisation_hsds_id:
        services = services.filter(organisation__hsds_id=filters.organisation_hsds_id)
        applied = True
    if filters.taxonomy_term_id:
        tagged = Service.terms.through.objects.filter(taxonomyterm_id=filters.taxonomy_term_id)
        services = services.filter(pk__in=tagged.values("service_id"))
        applied = True
    return services if applied else None


def _distances(index: SearchIndex, origin: tuple[float, float]) -> NDArray[np.float64]:
    """Each service's distance in km to its nearest location, measured from the public
    (for a confidential refuge: coarse) coordinates; infinity for a service with none."""
    distances = np.full(index.size, np.inf)
    if index.location_rows.size:
        each = geo.haversine_km_many(origin[0], origin[1], index.location_lats, index.location_lons)
        np.minimum.at(distances, index.location_rows, each)
    return distances


# --- Relevance ------------------------------------------------------------------------------


def _relevance(
    index: SearchIndex,
    query: str,
    vector: NDArray[np.float32] | None,
    understanding: needs.Understanding,
    candidates: NDArray[np.bool_],
    distances: NDArray[np.float64] | None,
    filtered: QuerySet[Service] | None,
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.bool_]]:
    """Fused scores for every service, which ones count as matches, and which matched the
    words of the search."""
    scores = np.zeros(index.size)
    relevant = np.zeros(index.size, dtype=bool)

    if vector is not None:
        similarity = index.vectors @ vector
        meaning = ranking.ranks(similarity, candidates & index.has_vector)
        scores += ranking.reciprocal_rank(meaning, weight=WEIGHT_MEANING, k=RRF_K)
        relevant |= meaning <= MEANING_DEPTH

    found = lexical.search(query, limit=WORDS_DEPTH, within=filtered)
    rows = [index.position[i] for i in found if i in index.position]
    words = ranking.ranks_of([row for row in rows if candidates[row]], index.size)
    word_hits = np.isfinite(words)
    scores += ranking.reciprocal_rank(words, weight=WEIGHT_WORDS, k=RRF_K)
    relevant |= word_hits

    first_place = 1.0 / (RRF_K + 1.0)
    for code, confidence in understanding.terms.items():
        members = index.term_members.get(code)
        if members is None:
            continue
        weight = WEIGHT_NEED * FACET_WEIGHTS.get(needs.facet_of(code), 0.5) * confidence
        scores += weight * first_place * members
        if confidence >= needs.DETECTED:
            relevant |= members

    if understanding.language:
        for masks, weight in (
            (index.staff_languages, WEIGHT_STAFF_LANGUAGE),
            (index.interpreter_languages, WEIGHT_INTERPRETER_LANGUAGE),
        ):
            speakers = masks.get(understanding.language)
            if speakers is not None:
                scores += weight * first_place * speakers

    if distances is not None:
        nearby = ranking.ranks(-distances, candidates & np.isfinite(distances))
        scores += ranking.reciprocal_rank(nearby, weight=WEIGHT_NEARBY, k=RRF_K)

    return scores, relevant & candidates, word_hits


# --- Reasons --------------------------------------------------------------------------------


def _language_name(code: str, fallback: str) -> str:
    """A language's name in the language of the page: as the service gave it on an English
    page, from CLDR on another."""
    from babel import Locale, UnknownLocaleError

    language = translation.get_language() or "en"
    if language.split("-")[0] == "en" and fallback:
        return fallback
    try:
        locale = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return fallback
    return locale.languages.get(code) or fallback


def term_reason(code: str, name: str) -> str:
    """Why a service tagged with a term suits a search that asked for it."""
    facet = needs.facet_of(code)
    if facet == TaxonomyTerm.Facet.NEED:
        return _("Matches your need: %(need)s") % {"need": _(name)}
    if facet == TaxonomyTerm.Facet.COMMUNITY:
        return _("Specialist support for %(community)s") % {"community": _(name)}
    if code in ("nrpf-accepted", "women-only") or facet == TaxonomyTerm.Facet.FAITH:
        return _(name)
    return _("Supports %(who)s") % {"who": _(name)}


def _is_open(schedules: list[tuple[str, dt.time, dt.time]], local_now: datetime) -> bool:
    """Whether (day, opens, closes) rows make a service open now; the same rule as
    `open_schedules`."""
    today = _DAYS[local_now.weekday()]
    yesterday = _DAYS[(local_now.weekday() - 1) % 7]
    time = local_now.time().replace(tzinfo=None)
    for day, opens, closes in schedules:
        overnight = closes <= opens
        if day == today and opens <= time and (overnight or time < closes):
            return True
        if day == yesterday and overnight and time < closes:
            return True
    return False


def _distance_text(km: float) -> str:
    places = 1 if km < 10 else 0
    return _("%(distance)s km away") % {"distance": number_format(round(km, places), places)}


@dataclass
class _Details:
    """What the reasons need to know about one service on the page."""

    leadership_type: str = ""
    terms: dict[str, str] = field(default_factory=dict)  # code -> name
    languages: list[tuple[str, str, str]] = field(default_factory=list)  # code, name, mode
    schedules: list[tuple[str, dt.time, dt.time]] = field(default_factory=list)
    access: set[str] = field(default_factory=set)


def _details(ids: list[str], *, with_access: bool) -> dict[str, _Details]:
    # Plain rows, not model instances: this runs on every search.
    details = {
        service_id: _Details(leadership_type=leadership)
        for service_id, leadership in Service.objects.filter(id__in=ids).values_list(
            "id", "organisation__leadership_type"
        )
    }
    for service_id, code, name in Service.terms.through.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "taxonomyterm__code", "taxonomyterm__name"):
        if service_id in details:
            details[service_id].terms[code] = name
    for service_id, code, name, mode in ServiceLanguage.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "code", "name", "mode"):
        if service_id in details:
            details[service_id].languages.append((code, name, mode))
    for service_id, day, opens, closes in Schedule.objects.filter(service_id__in=ids).values_list(
        "service_id", "byday", "opens_at", "closes_at"
    ):
        if service_id in details:
            details[service_id].schedules.append((day, opens, closes))
    if with_access:
        rows = Accessibility.objects.filter(
            location__service_at_locations__service_id__in=ids
        ).values_list(
            "location__service_at_locations__service_id", "step_free", "hearing_loop", "bsl"
        )
        for service_id, step_free, hearing_loop, bsl in rows:
            if service_id in details:
                flags = {"step_free": step_free, "hearing_loop": hearing_loop, "bsl": bsl}
                details[service_id].access |= {flag for flag, on in flags.items() if on}
    return details


def _explain(
    index: SearchIndex,
    rows: list[int],
    *,
    scores: NDArray[np.float64],
    distances: NDArray[np.float64] | None,
    understanding: needs.Understanding,
    word_hits: NDArray[np.bool_],
    filters: SearchFilters,
    local_now: datetime,
) -> list[Match]:
    if not rows:
        return []
    ids = [index.ids[row] for row in rows]
    details = _details(ids, with_access=filters.disability_access)
    detected = understanding.detected()
    asked = [
        filters.need,
        filters.community,
        filters.faith,
        "lgbtq" if filters.lgbtq else "",
        "nrpf-accepted" if filters.nrpf else "",
    ]
    matches = []
    for row, service_id in zip(rows, ids, strict=True):
        service = details.get(service_id)
        if service is None:  # deleted since the index was read
            continue
        reasons: list[str] = []
        matched = [code for code in detected if code in service.terms]
        for code in dict.fromkeys([*matched, *(code for code in asked if code)]):
            if code in service.terms:
                reasons.append(term_reason(code, service.terms[code]))
        reasons += _language_reasons(service, filters, understanding)
        if service.leadership_type == Organisation.LeadershipType.BY_AND_FOR:
            reasons.append(_("By and for Black and minoritised women"))
        if filters.disability_access:
            reasons += _access_reasons(service)
        if _is_open(service.schedules, local_now):
            reasons.append(_("Open now"))
        distance = None
        if distances is not None and math.isfinite(distances[row]):
            distance = round(float(distances[row]), 1)
            reasons.append(_distance_text(float(distances[row])))
        if word_hits[row] and not matched:
            reasons.append(_("Uses the words you searched for"))
        matches.append(
            Match(
                service_id=service_id,
                score=round(float(scores[row]), 6),
                reasons=list(dict.fromkeys(reasons)),
                distance_km=distance,
                matched_terms=matched,
            )
        )
    return matches


def _language_reasons(
    service: _Details, filters: SearchFilters, understanding: needs.Understanding
) -> list[str]:
    wanted = [code for code in (filters.language.strip().lower(), understanding.language) if code]
    reasons = []
    for code in dict.fromkeys(wanted):
        staff = [name for c, name, mode in service.languages if c == code and mode == "staff"]
        interpreter = [
            name for c, name, mode in service.languages if c == code and mode == "interpreter"
        ]
        if staff:
            name = _language_name(code, staff[0])
            reasons.append(_("Staff speak %(language)s") % {"language": name})
        elif interpreter:
            name = _language_name(code, interpreter[0])
            reasons.append(_("Interpreter available in %(language)s") % {"language": name})
    return reasons


def _access_reasons(service: _Details) -> list[str]:
    texts = {
        "step_free": _("Step-free access"),
        "hearing_loop": _("Hearing loop"),
        "bsl": _("British Sign Language at the venue"),
    }
    return [texts[flag] for flag in ("step_free", "hearing_loop", "bsl") if flag in service.access]
