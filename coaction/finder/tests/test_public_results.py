"""The results page: what each service shows, filters and their errors, and pages of results."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coaction.finder import views
from coaction.finder.search import MAX_QUERY_LENGTH, Match, SearchError, SearchResult
from coaction.finder.tests.factories import (
    AccessibilityFactory,
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    ServiceLanguageFactory,
)

RESULTS = reverse("finder:results")


def text_of(response):
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


@pytest.fixture
def fake_search(monkeypatch):
    """Stand in for the search, recording what it was asked and answering with given matches."""
    calls = []

    def install(matches=None, total=None, error=None):
        def search_services(*, query="", filters=None, limit=20, offset=0):
            calls.append({"query": query, "filters": filters, "limit": limit, "offset": offset})
            if error:
                raise error
            found = list(matches or [])
            return SearchResult(
                matches=found[offset : offset + limit],
                total=len(found) if total is None else total,
            )

        monkeypatch.setattr(views, "search_services", search_services)
        return calls

    return install


def test_it_shows_how_to_make_contact(client, org_a):
    service = ServiceFactory(
        organisation=org_a,
        name="Saffron Helpline",
        email="help@saffron.example.org",
        url="https://saffron.example.org",
    )
    PhoneFactory(service=service, number="0161 496 0001", type="voice")
    PhoneFactory(service=service, number="07700 900123", type="text")
    PhoneFactory(service=service, number="18001 0161 496 0002", type="textphone")
    PhoneFactory(service=service, number="0161 496 0003", type="video", description="SignVideo")
    PhoneFactory(service=service, number="0161 496 0009", type="fax")

    response = client.get(RESULTS)
    body = response.content.decode()
    text = text_of(response)

    assert 'href="tel:01614960001"' in body
    assert 'href="sms:07700900123"' in body
    assert 'href="tel:1800101614960002"' in body
    assert "Call: 0161 496 0001" in text
    assert "Text: 07700 900123" in text
    assert "Textphone: 18001 0161 496 0002" in text
    assert "Video relay (BSL): 0161 496 0003" in text
    assert "0161 496 0009" not in text  # a fax number is no use to a survivor
    assert 'href="mailto:help@saffron.example.org"' in body
    assert 'href="https://saffron.example.org" rel="noreferrer noopener"' in body


def test_it_shows_opening_hours_monday_first_with_runs_of_days_joined(client, org_a):
    service = ServiceFactory(organisation=org_a)
    for day in ["FR", "TH", "WE", "TU", "MO"]:
        ScheduleFactory(service=service, byday=day)
    ScheduleFactory(
        service=service, byday="SA", opens_at=datetime.time(10), closes_at=datetime.time(13)
    )

    text = text_of(client.get(RESULTS))

    assert "Monday to Friday: 09:00 to 17:00" in text
    assert "Saturday: 10:00 to 13:00" in text
    assert "Sunday: Closed" in text
    assert text.index("Monday to Friday") < text.index("Saturday")


def test_a_service_open_all_day_every_day_says_so(client, org_a):
    service = ServiceFactory(organisation=org_a)
    for day in ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]:
        ScheduleFactory(
            service=service,
            byday=day,
            opens_at=datetime.time(0, 0),
            closes_at=datetime.time(23, 59),
        )
    text = text_of(client.get(RESULTS))
    assert "Every day: Open 24 hours" in text
    assert "Open now" in text


def test_it_keeps_staff_languages_apart_from_interpreters(client, org_a):
    service = ServiceFactory(organisation=org_a)
    ServiceLanguageFactory(service=service, code="bn", name="Bengali", mode="staff")
    ServiceLanguageFactory(service=service, code="so", name="Somali", mode="interpreter")

    response = client.get(RESULTS)
    text = text_of(response)

    assert re.search(r"Staff speak: বাংলা \(Bengali\)", text)
    assert re.search(r"Interpreter available: Soomaali \(Somali\)", text)
    assert '<span lang="bn" dir="ltr">বাংলা</span>' in response.content.decode()


def test_it_shows_accessibility_and_vacancies_with_when_they_were_updated(client, org_a):
    service = ServiceFactory(organisation=org_a, term_codes=["refuge"])
    location = LocationFactory(organisation=org_a)
    ServiceAtLocationFactory(service=service, location=location)
    AccessibilityFactory(
        location=location, description="Lift to every floor", hearing_loop=True, bsl=True
    )
    ServiceCapacityFactory(
        service=service,
        available=3,
        maximum=8,
        updated=timezone.now() - datetime.timedelta(hours=2, minutes=5),
    )

    text = text_of(client.get(RESULTS))

    assert "Lift to every floor" in text
    assert "Hearing loop" in text
    assert "British Sign Language (BSL) on site" in text
    assert "Bed space: 3 available of 8" in text
    assert "updated 2 hours ago" in text


def test_it_tags_a_by_and_for_organisations_service(client, org_a, org_b):
    ServiceFactory(organisation=org_a, name="By And For Service")
    ServiceFactory(organisation=org_b, name="White Led Service")

    body = client.get(RESULTS).content.decode()

    by_and_for, white_led = body.split("White Led Service")[0], body.split("White Led Service")[1]
    assert "By and for</strong>" in by_and_for.split("By And For Service")[1]
    assert "By and for</strong>" not in white_led


def test_it_shows_why_each_service_matched_and_how_far_away_it_is(client, org_a, fake_search):
    near = ServiceFactory(organisation=org_a, name="Near Service")
    fake_search(
        matches=[
            Match(
                service_id=near.id,
                score=0.9,
                reasons=["Staff speak Bengali", "Accepts women with no recourse to public funds"],
                distance_km=3.2,
            )
        ]
    )

    text = text_of(client.get(RESULTS + "?q=help&postcode=B11 1AA"))

    assert "Why it is shown" in text
    assert "Staff speak Bengali" in text
    assert "Accepts women with no recourse to public funds" in text
    assert "2.0 miles away" in text


def test_a_confidential_refuges_distance_is_only_approximate(client, org_a, fake_search):
    refuge = ServiceFactory(organisation=org_a, name="Hidden Refuge")
    location = LocationFactory(organisation=org_a, confidential=True)
    ServiceAtLocationFactory(service=refuge, location=location)
    fake_search(matches=[Match(service_id=refuge.id, score=1.0, distance_km=13.37)])

    text = text_of(client.get(RESULTS + "?postcode=B11 1AA"))

    assert "About 10 miles away (the address is confidential)" in text
    assert "8.3" not in text


def test_it_passes_the_query_and_filters_to_the_search(client, org_a, fake_search):
    ServiceLanguageFactory(service=ServiceFactory(organisation=org_a), code="pl", name="Polish")
    calls = fake_search(matches=[])

    response = client.get(
        RESULTS,
        {
            "q": "  pomoc dla kobiet  ",
            "need": "legal",
            "language": "pl",
            "community": "community-eastern-european",
            "faith": "faith-christian",
            "disability_access": "on",
            "lgbtq": "on",
            "nrpf": "on",
            "by_and_for": "on",
            "open_now": "on",
            "postcode": "b11 1aa",
            "within": "5",
        },
    )

    assert response.status_code == 200
    (call,) = calls
    assert call["query"] == "pomoc dla kobiet"
    filters = call["filters"]
    assert (filters.need, filters.language, filters.community, filters.faith) == (
        "legal",
        "pl",
        "community-eastern-european",
        "faith-christian",
    )
    assert filters.disability_access and filters.lgbtq and filters.nrpf
    assert filters.by_and_for and filters.open_now
    assert filters.postcode == "B111AA"
    assert filters.within_km == pytest.approx(8.04672)
    assert "No services match your search." in text_of(response)


def test_it_refuses_an_absurdly_long_query(client, db, fake_search):
    calls = fake_search(matches=[])
    response = client.get(RESULTS, {"q": "refuge " * 200})

    assert response.status_code == 400
    assert calls == []
    text = text_of(response)
    assert "There is a problem" in text
    assert f"Your search is too long. Use {MAX_QUERY_LENGTH} characters or fewer." in text
    assert not response.cookies


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"need": "astrology"}, "We do not know that kind of help. Choose one from the list."),
        (
            {"language": "xx"},
            "No service lists staff who speak that language. Choose one from the list.",
        ),
        ({"community": "martians"}, "We do not know that community. Choose one from the list."),
        ({"faith": "jedi"}, "We do not know that faith. Choose one from the list."),
        ({"lgbtq": "maybe"}, "Services for LGBTQ+ survivors can only be ticked or left empty."),
        ({"within": "7", "postcode": "B11 1AA"}, "Choose a distance from the list."),
        ({"within": "5"}, "Enter a postcode to search within a distance of it."),
        ({"postcode": "not a postcode"}, "Enter a postcode, like B11 1AA."),
        ({"page": "two"}, "That page of results does not exist."),
        ({"page": "0"}, "That page of results does not exist."),
    ],
)
def test_it_explains_an_unknown_filter_value(client, db, fake_search, params, message):
    calls = fake_search(matches=[])
    response = client.get(RESULTS, params)

    assert response.status_code == 400
    assert calls == []
    text = text_of(response)
    assert "There is a problem" in text
    assert message in text
    # The value given is not echoed into the error message.
    for value in params.values():
        if len(value) > 2:
            assert f"{value} is not" not in text


def test_it_shows_a_search_error_in_the_error_summary(client, db, fake_search):
    fake_search(error=SearchError("We could not find the postcode ZZ1 1ZZ."))
    response = client.get(RESULTS, {"postcode": "ZZ1 1ZZ"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "We could not find the postcode ZZ1 1ZZ." in body


def test_it_pages_through_results(client, org_a, fake_search):
    services = [ServiceFactory(organisation=org_a, name=f"Service {n:02d}") for n in range(23)]
    calls = fake_search(matches=[Match(service_id=s.id, score=1.0) for s in services])

    first = client.get(RESULTS)
    third = client.get(RESULTS, {"page": "3"})

    assert [(c["limit"], c["offset"]) for c in calls] == [(10, 0), (10, 20)]
    assert "23 services found." in text_of(first)
    assert "Service 00" in text_of(first) and "Service 10" not in text_of(first)
    assert "Service 20" in text_of(third) and "Service 19" not in text_of(third)
    assert 'class="govuk-pagination' in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()


def test_results_keep_the_searchs_order(client, org_a, fake_search):
    first = ServiceFactory(organisation=org_a, name="Zebra Refuge")
    second = ServiceFactory(organisation=org_a, name="Aardvark Advocacy")
    fake_search(
        matches=[Match(service_id=first.id, score=0.9), Match(service_id=second.id, score=0.5)]
    )
    text = text_of(client.get(RESULTS, {"q": "refuge"}))
    assert text.index("Zebra Refuge") < text.index("Aardvark Advocacy")


def test_pagination_links_keep_the_search(client, org_a, fake_search):
    services = [ServiceFactory(organisation=org_a, name=f"Refuge {n:02d}") for n in range(12)]
    fake_search(matches=[Match(service_id=s.id, score=1.0) for s in services])
    body = client.get(RESULTS, {"q": "Refuge", "page": "1"}).content.decode()
    assert 'href="?q=Refuge&amp;page=2"' in body


def test_a_page_past_the_end_shows_the_last_page(client, org_a, fake_search):
    services = [ServiceFactory(organisation=org_a, name=f"Service {n:02d}") for n in range(12)]
    fake_search(matches=[Match(service_id=s.id, score=1.0) for s in services])
    text = text_of(client.get(RESULTS, {"page": "40"}))
    assert "Service 11" in text
    assert "Service 00" not in text


def test_the_language_filter_offers_only_languages_staff_speak(client, org_a):
    service = ServiceFactory(organisation=org_a)
    ServiceLanguageFactory(service=service, code="pa", name="Panjabi", mode="staff")
    ServiceLanguageFactory(service=service, code="so", name="Somali", mode="interpreter")
    closed = ServiceFactory(organisation=org_a, status="inactive")
    ServiceLanguageFactory(service=closed, code="ro", name="Romanian", mode="staff")

    body = client.get(RESULTS).content.decode()
    select = re.search(r'<select[^>]*name="language".*?</select>', body, re.S).group(0)

    assert '<option value="pa">ਪੰਜਾਬੀ (Punjabi)</option>' in select
    assert 'value="so"' not in select
    assert 'value="ro"' not in select


def test_the_language_switcher_keeps_the_search(client, db):
    body = client.get(RESULTS, {"q": "refuge", "need": "refuge"}).content.decode()
    assert 'href="/ur/find/results/?q=refuge&amp;need=refuge"' in body


def test_results_come_out_in_urdu_right_to_left(client, db):
    body = client.get("/ur" + RESULTS).content.decode()
    assert re.search(r'<html[^>]*\blang="ur"[^>]*\bdir="rtl"', body)


def test_two_days_with_the_same_hours_are_joined_with_and(client, org_a):
    service = ServiceFactory(organisation=org_a)
    for day in ["MO", "TU", "WE", "TH", "FR"]:
        ScheduleFactory(service=service, byday=day)
    text = text_of(client.get(RESULTS))
    assert "Saturday and Sunday: Closed" in text


def test_an_unknown_postcode_gets_a_clear_message(client, db):
    response = client.get(RESULTS, {"q": "refuge", "postcode": "ZZ1 1ZZ"})

    assert response.status_code == 400
    text = text_of(response)
    assert "There is a problem" in text
    assert "ZZ1 1ZZ" in text
