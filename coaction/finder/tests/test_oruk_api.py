import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coaction.finder import search
from coaction.finder.models import Location, Service, TaxonomyTerm
from coaction.finder.oruk.ids import hsds_uuid
from coaction.finder.tests.factories import (
    LocationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    ServiceLanguageFactory,
)
from coaction.finder.tests.hsds_checks import (
    CLOSED_ID,
    DROP_IN_ID,
    REFUGE_ID,
    REFUGE_SECRETS,
    RICH,
    assert_valid,
    import_file,
)
from coaction.organisations.models import Organisation

pytestmark = pytest.mark.django_db

API = "/api/oruk"


@pytest.fixture
def imported(db):  # type: ignore[no-untyped-def]
    import_file(RICH)


def _body(response) -> str:  # type: ignore[no-untyped-def]
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _get(client, url, status=200):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status, _body(response)
    return response


def _ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["id"] for item in response.json()["contents"]]


def _link_id(service_id: str) -> str:
    return Service.objects.get(pk=service_id).service_at_locations.get().pk


def test_it_says_which_hsds_version_it_follows(client):
    data = _get(client, f"{API}/").json()
    assert data["version"] == "3.0"
    assert data["profile"].startswith("https://")


def test_the_service_list_is_a_valid_paged_list_of_active_services(client, imported):
    data = _get(client, f"{API}/services").json()
    assert {k: v for k, v in data.items() if k != "contents"} == {
        "total_items": 2,
        "total_pages": 1,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert [item["name"] for item in data["contents"]] == [
        "Forced marriage advice drop-in",
        "Jasmine House refuge",
    ]
    for item in data["contents"]:
        assert_valid("service_list", item)


def test_a_full_service_is_valid_hsds(client, imported):
    for service_id in (REFUGE_ID, DROP_IN_ID):
        data = _get(client, f"{API}/services/{service_id}").json()
        assert_valid("service", data)
    assert data["service_at_locations"][0]["location"]["addresses"][0]["address_1"] == (
        "2 Market Street"
    )
    full = _get(client, f"{API}/services?full=true").json()
    for item in full["contents"]:
        assert_valid("service", item)


def test_a_service_made_in_the_app_is_valid_hsds_too(client):
    service = ServiceFactory(term_codes=["refuge", "deaf-bsl"])
    PhoneFactory(service=service, type="textphone")
    ServiceLanguageFactory(service=service, code="bfi", name="British Sign Language")
    ServiceAtLocationFactory(service=service, location__confidential=True)
    data = _get(client, f"{API}/services/{service.pk}").json()
    assert_valid("service", data)
    assert data["organization"]["id"].startswith("c0ac7100-")
    organisation = _get(client, f"{API}/organizations/{data['organization']['id']}").json()
    assert_valid("organization", organisation)
    assert [s["id"] for s in organisation["services"]] == [service.pk]


def test_services_at_locations_are_valid_hsds(client, imported):
    data = _get(client, f"{API}/service_at_locations").json()
    assert data["total_items"] == 2
    for item in data["contents"]:
        assert_valid("service_at_location_list", item)
    one = _get(client, f"{API}/service_at_locations/{_link_id(DROP_IN_ID)}").json()
    assert_valid("service_at_location", one)
    assert one["service"]["id"] == DROP_IN_ID


def test_organisations_are_valid_hsds(client, imported):
    data = _get(client, f"{API}/organizations").json()
    assert [o["name"] for o in data["contents"]] == ["Jasmine Women's Project"]
    for item in data["contents"]:
        assert_valid("organization", item)
    organisation_id = data["contents"][0]["id"]
    full = _get(client, f"{API}/organizations/{organisation_id}?full_service=true").json()
    assert_valid("organization", full)
    assert sorted(s["id"] for s in full["services"]) == sorted([REFUGE_ID, DROP_IN_ID])


def test_taxonomies_and_terms_are_valid_hsds(client, imported):
    taxonomies = _get(client, f"{API}/taxonomies").json()
    assert taxonomies["total_items"] == 2
    for item in taxonomies["contents"]:
        assert_valid("taxonomy", item)
    one = taxonomies["contents"][0]
    assert _get(client, f"{API}/taxonomies/{one['id']}").json() == one
    terms = _get(client, f"{API}/taxonomy_terms?per_page=100").json()
    assert terms["total_items"] == TaxonomyTerm.objects.count()
    for item in terms["contents"]:
        assert_valid("taxonomy_term", item)
    refuge = next(t for t in terms["contents"] if t["code"] == "refuge")
    assert _get(client, f"{API}/taxonomy_terms/{refuge['id']}").json() == refuge
    # The readable id works as well as the published UUID.
    assert _get(client, f"{API}/taxonomy_terms/coaction-vawg-refuge").json() == refuge


def test_taxonomy_terms_filter_by_taxonomy_and_search(client, imported):
    vawg = hsds_uuid("taxonomy", "coaction-vawg")
    data = _get(client, f"{API}/taxonomy_terms?taxonomy_id={vawg}&search=forced").json()
    assert [t["code"] for t in data["contents"]] == ["hba-forced-marriage"]
    unknown = _get(client, f"{API}/taxonomy_terms?taxonomy_id=nothing").json()
    assert unknown["empty"] and unknown["total_items"] == 0


def test_it_pages_through_services(client):
    ServiceFactory.create_batch(5)
    data = _get(client, f"{API}/services?per_page=2&page=2").json()
    assert (data["total_items"], data["total_pages"], data["page_number"], data["size"]) == (
        5,
        3,
        2,
        2,
    )
    assert (data["first_page"], data["last_page"], data["empty"]) == (False, False, False)
    last = _get(client, f"{API}/services?per_page=2&page=3").json()
    assert (last["size"], last["last_page"]) == (1, True)
    beyond = _get(client, f"{API}/services?per_page=2&page=9").json()
    assert (beyond["size"], beyond["empty"], beyond["contents"]) == (0, True, [])
    clamped = _get(client, f"{API}/services?per_page=5000").json()
    assert clamped["size"] == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=two", "page must be a whole number, not 'two'"),
        ("page=0", "page must be 1 or more"),
        ("per_page=-3", "per_page must be 1 or more"),
        ("format=xml", "format must be json or ndjson"),
        ("full=perhaps", "full must be true or false"),
        ("modified_after=yesterday", "modified_after must be a date and time"),
        ("search=" + "a" * 501, "search must be at most 500 characters"),
    ],
)
def test_bad_parameters_get_a_clear_json_error(client, query, message):
    response = _get(client, f"{API}/services?{query}", status=400)
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("postcode=not-a-postcode", "postcode must be a full UK postcode"),
        ("proximity=500", "proximity needs a postcode"),
        ("postcode=NB1 1AA&proximity=far", "proximity must be a whole number"),
    ],
)
def test_bad_places_get_a_clear_json_error(client, query, message):
    response = _get(client, f"{API}/service_at_locations?{query}", status=400)
    assert message in response.json()["error"]


def test_a_postcode_the_search_cannot_place_is_a_clear_error(client, monkeypatch):
    def refuse(**kwargs):  # type: ignore[no-untyped-def]
        raise search.SearchError("We do not know the postcode NB9 9ZZ")

    monkeypatch.setattr(search, "search_services", refuse)
    response = _get(client, f"{API}/service_at_locations?postcode=NB9 9ZZ", status=400)
    assert response.json() == {"error": "We do not know the postcode NB9 9ZZ"}


def test_ndjson_streams_every_service_a_line(client, imported):
    ServiceFactory.create_batch(3)
    response = _get(client, f"{API}/services?format=ndjson&per_page=1")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = _body(response).splitlines()
    assert len(lines) == 5  # every active service, whatever per_page says
    for line in lines:
        assert_valid("service_list", json.loads(line))
    full = _body(_get(client, f"{API}/services?format=ndjson&full=true")).splitlines()
    for line in full:
        assert_valid("service", json.loads(line))
    links = _body(_get(client, f"{API}/service_at_locations?format=ndjson")).splitlines()
    assert len(links) == 2


def test_minimal_lists_only_ids_and_when_they_changed(client, imported):
    data = _get(client, f"{API}/services?minimal=true").json()
    assert all(set(item) == {"id", "last_modified"} for item in data["contents"])


def test_filters_by_term_taxonomy_organisation_and_date(client, imported):
    hba = hsds_uuid("taxonomy_term", "coaction-vawg-hba-forced-marriage")
    assert _ids(_get(client, f"{API}/services?taxonomy_term_id={hba}")) == [DROP_IN_ID]
    assert _ids(_get(client, f"{API}/services?taxonomy_term_id=coaction-vawg-refuge")) == [
        REFUGE_ID
    ]
    unknown = _get(client, f"{API}/services?taxonomy_term_id=no-such-term").json()
    assert (unknown["total_items"], unknown["contents"]) == (0, [])
    vawg = hsds_uuid("taxonomy", "coaction-vawg")
    assert len(_ids(_get(client, f"{API}/services?taxonomy_id={vawg}"))) == 2
    assert _get(client, f"{API}/services?taxonomy_id=unknown").json()["total_items"] == 0
    organisation = Organisation.objects.get(name="Jasmine Women's Project")
    ServiceFactory()  # another organisation's
    by_org = _get(client, f"{API}/services?organization_id={organisation.hsds_id}")
    assert sorted(_ids(by_org)) == sorted([REFUGE_ID, DROP_IN_ID])
    since = _get(client, f"{API}/services?modified_after=2025-06-01T00:00:00Z")
    assert REFUGE_ID not in _ids(since)  # the refuge was last modified in March 2025


def test_search_uses_the_finders_search_and_keeps_its_order(client, imported, monkeypatch):
    calls = []

    def ranked(*, query, filters, limit, offset):  # type: ignore[no-untyped-def]
        calls.append((query, filters, limit, offset))
        matches = [search.Match(REFUGE_ID, 0.9), search.Match(DROP_IN_ID, 0.4)]
        return search.SearchResult(matches=matches, total=2)

    monkeypatch.setattr(search, "search_services", ranked)
    response = _get(client, f"{API}/services?search=زبردستی کی شادی&per_page=5")
    assert _ids(response) == [REFUGE_ID, DROP_IN_ID]  # not alphabetical: as ranked
    assert calls == [("زبردستی کی شادی", search.SearchFilters(), 5, 0)]
    assert response["Cache-Control"] == "no-store"


def test_search_results_never_include_an_inactive_service(client, imported, monkeypatch):
    def ranked(**kwargs):  # type: ignore[no-untyped-def]
        matches = [search.Match(CLOSED_ID, 1.0), search.Match(DROP_IN_ID, 0.5)]
        return search.SearchResult(matches=matches, total=2)

    monkeypatch.setattr(search, "search_services", ranked)
    assert _ids(_get(client, f"{API}/services?search=outreach")) == [DROP_IN_ID]


def test_search_with_filters_filters_the_ranked_results(client, imported, monkeypatch):
    def ranked(**kwargs):  # type: ignore[no-untyped-def]
        matches = [search.Match(REFUGE_ID, 0.9), search.Match(DROP_IN_ID, 0.4)]
        return search.SearchResult(matches=matches, total=2)

    monkeypatch.setattr(search, "search_services", ranked)
    hba = hsds_uuid("taxonomy_term", "coaction-vawg-hba-forced-marriage")
    data = _get(client, f"{API}/services?search=help&taxonomy_term_id={hba}").json()
    assert (_ids_of(data), data["total_items"]) == ([DROP_IN_ID], 1)


def _ids_of(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [item["id"] for item in data["contents"]]


def test_the_real_search_answers_through_the_api(client, imported):
    data = _get(client, f"{API}/services?search=forced%20marriage&per_page=5").json()
    assert DROP_IN_ID in _ids_of(data)
    assert REFUGE_ID not in _ids_of(data) or data["contents"][0]["id"] == DROP_IN_ID


def test_postcode_and_proximity_go_to_the_search_as_its_filters(client, imported, monkeypatch):
    seen = []

    def ranked(*, query, filters, limit, offset):  # type: ignore[no-untyped-def]
        seen.append(filters)
        return search.SearchResult(matches=[search.Match(DROP_IN_ID, 1.0, [], 0.4)], total=1)

    monkeypatch.setattr(search, "search_services", ranked)
    data = _get(client, f"{API}/service_at_locations?postcode=nb1%201aa&proximity=2000").json()
    assert seen[0].postcode == "NB11AA" and seen[0].within_km == 2.0
    assert [item["service"]["id"] for item in data["contents"]] == [DROP_IN_ID]


def test_unknown_and_inactive_ids_are_not_found(client, imported):
    closed_link = LocationFactory()
    missing = "7d0a6c1e-0000-4000-8000-000000000000"
    for url in (
        f"{API}/services/{missing}",
        f"{API}/services/{CLOSED_ID}",
        f"{API}/service_at_locations/{missing}",
        f"{API}/organizations/{missing}",
        f"{API}/taxonomies/{missing}",
        f"{API}/taxonomy_terms/{missing}",
    ):
        response = _get(client, url, status=404)
        assert "error" in response.json()
    # A place of an inactive service is not published either.
    link = ServiceAtLocationFactory(service__status="inactive", location=closed_link)
    _get(client, f"{API}/service_at_locations/{link.pk}", status=404)
    # Nor an organisation whose services are all inactive.
    _get(
        client,
        f"{API}/organizations/c0ac7100-0000-8000-8000-{link.service.organisation.pk:012x}",
        status=404,
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/services",
        "/services?search=refuge",
        "/services?format=ndjson",
        f"/services/{REFUGE_ID}",
        "/service_at_locations",
        "/organizations",
        "/taxonomies",
        "/taxonomy_terms",
        "/services?page=nope",
        f"/services/{CLOSED_ID}",
    ],
)
def test_every_response_is_open_to_any_origin_and_sets_no_cookie(client, imported, hannah, path):
    client.force_login(hannah)  # even a signed-in administrator gets no cookie from the API
    response = client.get(f"{API}{path}")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_lists_that_reveal_nothing_may_be_cached_but_services_are_not(client, imported):
    assert _get(client, f"{API}/taxonomy_terms")["Cache-Control"] == "public, max-age=300"
    assert _get(client, f"{API}/taxonomy_terms?search=refuge")["Cache-Control"] == "no-store"
    assert _get(client, f"{API}/services")["Cache-Control"] == "no-store"
    assert _get(client, f"{API}/services/{REFUGE_ID}")["Cache-Control"] == "no-store"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only(client, imported, method):
    response = getattr(client, method)(f"{API}/services", data={})
    assert response.status_code == 405  # not a CSRF refusal: there is no token to check
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    assert Service.objects.count() == 3


def test_a_cors_preflight_is_answered(client):
    response = client.options(f"{API}/services")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_a_confidential_location_never_leaves_the_server(client, imported):
    """Everything the API can say about the refuge, read as text: no street, postcode, name,
    exact position or description of the place."""
    link_id = _link_id(REFUGE_ID)
    organisation = Organisation.objects.get(name="Jasmine Women's Project")
    urls = [
        "/services",
        "/services?full=true",
        "/services?format=ndjson&full=true",
        f"/services/{REFUGE_ID}",
        "/service_at_locations",
        "/service_at_locations?format=ndjson",
        f"/service_at_locations/{link_id}",
        f"/organizations/{organisation.hsds_id}?full_service=true",
    ]
    seen = ""
    for url in urls:
        seen += _body(_get(client, f"{API}{url}"))
    for secret in REFUGE_SECRETS:
        assert secret not in seen, secret
    # The public drop-in's address is there: the check above can see addresses.
    assert "2 Market Street" in seen
    refuge = _get(client, f"{API}/services/{REFUGE_ID}").json()
    place = refuge["service_at_locations"][0]["location"]
    assert (place["latitude"], place["longitude"]) == (53.5, -2.2)
    assert "addresses" not in place and "name" not in place
    assert place["attributes"][0]["taxonomy_term"]["code"] == "confidential-address"


def test_a_location_marked_confidential_in_the_app_is_withheld_too(client):
    link = ServiceAtLocationFactory(
        location__confidential=True,
        location__address_1="99 Hidden Lane",
        location__postal_code="NB3 9ZZ",
        location__name="The Willows",
        description="Behind the library",
    )
    body = _body(_get(client, f"{API}/services/{link.service_id}"))
    body += _body(_get(client, f"{API}/service_at_locations"))
    location = Location.objects.get(pk=link.location_id)
    for secret in ("Hidden Lane", "NB3 9ZZ", "The Willows", "Behind the library"):
        assert secret not in body
    assert str(location.latitude) not in body


def test_lists_cost_the_same_number_of_queries_however_many_services(client):
    def queries_for_full_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            _get(client, f"{API}/services?full=true&per_page=100")
        return len(captured)

    for _ in range(2):
        ServiceAtLocationFactory(service=PhoneFactory().service)
    few = queries_for_full_list()
    for _ in range(6):
        ServiceAtLocationFactory(service=PhoneFactory().service)
    assert queries_for_full_list() == few


def test_the_api_lives_where_its_middleware_looks_for_it():
    from django.urls import reverse

    from coaction.finder.api import PREFIX

    assert reverse("oruk_api:index") == PREFIX


def test_the_schemas_the_app_ships_are_the_published_ones():
    from coaction.finder.oruk.schemas import SCHEMAS, load_schema
    from coaction.finder.tests.hsds_checks import FILES, STANDARDS

    if not STANDARDS.exists():
        pytest.skip("the published schemas are not beside the project")
    for name in SCHEMAS:
        published = STANDARDS / FILES.get(name, f"{name}.json")
        assert load_schema(name) == json.loads(published.read_text()), name


def test_head_answers_like_get_without_a_body(client, imported):
    response = client.head(f"{API}/services")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content == b""


def test_proximity_runs_through_the_real_search_and_a_refuge_only_by_its_rough_position(
    client, imported
):
    """The refuge is 0.3 km from the postcode but published 3.7 km away (its position rounded
    for safety); the drop-in is at the postcode."""
    from decimal import Decimal

    from coaction.finder.models import Postcode

    Postcode.objects.create(
        postcode="NB27QY", latitude=Decimal("53.480000"), longitude=Decimal("-2.245100")
    )
    near = _get(client, f"{API}/service_at_locations?postcode=NB2 7QY&proximity=2000").json()
    assert [item["service"]["id"] for item in near["contents"]] == [DROP_IN_ID]
    wider = _get(client, f"{API}/service_at_locations?postcode=NB2 7QY&proximity=10000").json()
    assert sorted(item["service"]["id"] for item in wider["contents"]) == sorted(
        [DROP_IN_ID, REFUGE_ID]
    )
    unknown = _get(client, f"{API}/service_at_locations?postcode=NB9 9ZZ", status=400).json()
    assert "NB9 9ZZ" in unknown["error"]
