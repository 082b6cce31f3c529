"""The public finder's safety: no cookies, the right headers, Exit this page and the emergency
numbers on every page, GET only, and no confidential address anywhere."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from coaction.finder.tests.factories import (
    AccessibilityFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

# Distinctive, so that finding any of them in a page can only mean a leak.
SECRET_STREET = "17 Quillfeather Mews"
SECRET_SECOND_LINE = "Off Larkspur Passage"
SECRET_POSTCODE = "ZX9 8QW"
SECRET_NAME = "Quillfeather House"
SECRET_LATITUDE = Decimal("52.487613")
SECRET_LONGITUDE = Decimal("-1.913947")
SECRET_ACCESS_NOTE = "Ramp at the side gate on Quillfeather Mews"


@pytest.fixture
def service(org_a):
    return ServiceFactory(organisation=org_a, name="Saffron Advocacy", term_codes=["advocacy-idva"])


@pytest.fixture
def refuge(org_a):
    """A refuge whose address is confidential."""
    refuge = ServiceFactory(organisation=org_a, name="Saffron Refuge", term_codes=["refuge"])
    location = LocationFactory(
        organisation=org_a,
        name=SECRET_NAME,
        address_1=SECRET_STREET,
        address_2=SECRET_SECOND_LINE,
        city="Northbridge",
        postal_code=SECRET_POSTCODE,
        latitude=SECRET_LATITUDE,
        longitude=SECRET_LONGITUDE,
        confidential=True,
    )
    ServiceAtLocationFactory(service=refuge, location=location)
    AccessibilityFactory(location=location, description=SECRET_ACCESS_NOTE, step_free=True)
    return refuge


def finder_urls(service_id):
    return [
        reverse("finder:search"),
        reverse("finder:questions"),
        reverse("finder:questions") + "?answered=help&need=refuge",
        reverse("finder:results"),
        reverse("finder:results") + "?q=refuge&language=ur",
        reverse("finder:results") + "?need=not-a-need",
        reverse("finder:service", kwargs={"service_id": service_id}),
        reverse("finder:service", kwargs={"service_id": "no-such-service"}),
        reverse("finder:browsing_safely"),
        "/find/no-such-page/",
        "/find",
    ]


def all_finder_urls(service_id):
    urls = finder_urls(service_id)
    return urls + ["/ur" + url for url in urls]


def test_it_sets_no_cookie_on_any_finder_page(client, refuge):
    for url in all_finder_urls(refuge.id):
        response = client.get(url)
        assert response.status_code in {200, 301, 302, 400, 404}, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_it_sets_no_cookie_for_a_signed_in_member_of_staff_and_keeps_their_session(
    verified_client, alice, refuge
):
    client = verified_client(alice)
    session_key = client.session.session_key
    settings_page = reverse("accounts:settings")
    assert client.get(settings_page).status_code == 200

    for url in all_finder_urls(refuge.id):
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        # Rendered as for anyone: no sign-out form, so no CSRF token either.
        assert "Sign out" not in response.content.decode(), url

    assert client.session.session_key == session_key
    assert client.get(settings_page).status_code == 200


def test_it_sends_the_privacy_headers_on_every_finder_page(client, refuge):
    for url in all_finder_urls(refuge.id):
        response = client.get(url)
        assert response.headers["Referrer-Policy"] == "no-referrer", url
        assert response.headers["Cache-Control"] == "no-store", url
        assert "cookie" not in response.headers.get("Vary", "").lower(), url


def test_pages_outside_the_finder_keep_the_usual_headers(client, db):
    response = client.get("/")
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("prefix", ["", "/ur"])
def test_every_finder_page_carries_exit_this_page_and_the_emergency_numbers(client, refuge, prefix):
    for url in finder_urls(refuge.id):
        response = client.get(prefix + url, follow=True)
        body = response.content.decode()
        assert 'data-module="govuk-exit-this-page"' in body, url
        assert 'href="tel:999"' in body, url
        assert "55" in body, url
        assert 'href="tel:08082000247"' in body, url
        assert body.count("<h1") == 1, url


def test_the_emergency_guidance_is_worded_plainly(client, db):
    body = client.get(reverse("finder:search")).content.decode()
    text = re.sub(r"<[^>]+>", "", body)
    text = re.sub(r"\s+", " ", text)
    assert "In an emergency call 999." in text
    assert "If you can't speak, call 999 and press 55 when asked (Silent Solution)." in text
    assert "National Domestic Abuse Helpline: 0808 2000 247 (free, 24 hours)." in text


def test_finder_pages_load_nothing_from_another_host(client, refuge):
    for url in all_finder_urls(refuge.id):
        body = client.get(url, follow=True).content.decode()
        for attribute in re.findall(r'\s(?:src|srcset|action|data)="([^"]*)"', body):
            assert not re.match(r"^(?:[a-z]+:)?//", attribute), (url, attribute)
        for tag in re.findall(r"<link[^>]*>", body):
            href = re.search(r'href="([^"]*)"', tag).group(1)
            assert href.startswith("/") and not href.startswith("//"), (url, tag)


def test_links_to_other_sites_send_no_referrer(client, org_a):
    ServiceFactory(organisation=org_a, name="Linked", url="https://example.org/help")
    body = client.get(reverse("finder:results")).content.decode()
    links = re.findall(r'<a [^>]*href="https://example\.org/help"[^>]*>', body)
    assert links
    assert all('rel="noreferrer noopener"' in link for link in links)


@pytest.mark.parametrize("page", ["results", "service"])
def test_it_never_shows_a_confidential_address(client, refuge, page):
    if page == "results":
        url = reverse("finder:results")
    else:
        url = reverse("finder:service", kwargs={"service_id": refuge.id})
    body = client.get(url).content.decode()

    assert "Saffron Refuge" in body
    assert "Northbridge" in body
    assert "Address given on contact." in body
    assert "Step-free access" in body
    for secret in [
        SECRET_STREET,
        SECRET_SECOND_LINE,
        SECRET_NAME,
        SECRET_POSTCODE,
        SECRET_POSTCODE.replace(" ", ""),
        "Quillfeather",
        "Larkspur",
        str(SECRET_LATITUDE),
        str(SECRET_LONGITUDE),
        "52.48",
        "1.91",
    ]:
        assert secret not in body, secret


def test_a_location_that_is_not_confidential_shows_its_address(client, service):
    location = LocationFactory(
        organisation=service.organisation, address_1="2 Market Row", postal_code="NB2 3CD"
    )
    ServiceAtLocationFactory(service=service, location=location)
    body = client.get(reverse("finder:service", kwargs={"service_id": service.id})).content
    assert b"2 Market Row" in body
    assert b"NB2 3CD" in body


@pytest.mark.parametrize(
    "name", ["finder:search", "finder:questions", "finder:results", "finder:browsing_safely"]
)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_finder_pages_answer_get_only(client, db, name, method):
    response = getattr(client, method)(reverse(name), {"q": "refuge"})
    assert response.status_code == 405
    assert not response.cookies


def test_the_service_page_answers_get_only(client, service):
    response = client.post(reverse("finder:service", kwargs={"service_id": service.id}))
    assert response.status_code == 405


def test_head_requests_are_answered(client, db):
    assert client.head(reverse("finder:search")).status_code == 200


def test_an_inactive_service_is_not_found(client, org_a):
    closed = ServiceFactory(organisation=org_a, name="Closed Service", status="inactive")
    response = client.get(reverse("finder:service", kwargs={"service_id": closed.id}))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Closed Service" not in body
    assert 'data-module="govuk-exit-this-page"' in body
    assert not response.cookies


def test_an_inactive_service_is_not_in_the_results(client, org_a):
    ServiceFactory(organisation=org_a, name="Closed Service", status="inactive")
    ServiceFactory(organisation=org_a, name="Open Service")
    body = client.get(reverse("finder:results")).content.decode()
    assert "Open Service" in body
    assert "Closed Service" not in body


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_address_under_the_finder_keeps_exit_this_page(client, db, method):
    response = getattr(client, method)("/ur/find/anything/at/all/")
    assert response.status_code == 404
    assert 'data-module="govuk-exit-this-page"' in response.content.decode()
    assert not response.cookies


def test_a_staff_members_pending_message_is_neither_shown_nor_consumed(client, db):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Vacancies saved")])

    for url in [reverse("finder:search"), "/ur/find/no-such-page/"]:
        response = client.get(url)
        assert "Vacancies saved" not in response.content.decode()
        assert not response.cookies
        assert "Set-Cookie" not in response.headers
