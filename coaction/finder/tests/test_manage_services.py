"""Managing an organisation's services: who may, what is saved, and what is refused."""

from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse

from coaction.finder import actions
from coaction.finder.models import Location, Postcode, Service, ServiceCapacity
from coaction.finder.selectors import public_location
from coaction.finder.tests.factories import (
    LocationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from coaction.organisations.tests.factories import AreaFactory

SECRET_STREET = "4 Thistledown Yard"
SECRET_POSTCODE = "NB3 4HJ"


def list_url(org):
    return reverse("finder:manage_services", kwargs={"slug": org.slug})


def add_url(org):
    return reverse("finder:manage_service_add", kwargs={"slug": org.slug})


def edit_url(org, service):
    return reverse(
        "finder:manage_service_edit", kwargs={"slug": org.slug, "service_id": service.pk}
    )


def delete_url(org, service):
    return reverse(
        "finder:manage_service_delete", kwargs={"slug": org.slug, "service_id": service.pk}
    )


def term_id(code):
    return f"coaction-vawg-{code}"


def payload(**overrides):
    """A full post of the service form, as a browser sends it."""
    data = {
        "name": "Saffron Refuge",
        "description": "A women-only refuge for South Asian women and their children.",
        "application_process": "Call us and we will meet you somewhere safe.",
        "eligibility_description": "Women fleeing abuse.",
        "url": "saffron.example.org/refuge",
        "email": "refuge@saffron.example.org",
        "status": "active",
        "needs": [term_id("refuge")],
        "eligibility": [term_id("nrpf-accepted"), term_id("women-only")],
        "faith": [term_id("faith-muslim")],
        "communities": [term_id("community-south-asian")],
        "staff_languages": ["ur", "bn"],
        "interpreter_languages": ["so"],
        "phones-TOTAL_FORMS": "3",
        "phones-INITIAL_FORMS": "0",
        "phones-MIN_NUM_FORMS": "0",
        "phones-MAX_NUM_FORMS": "10",
        "phones-0-number": "0808 157 0001",
        "phones-0-type": "voice",
        "phones-1-number": "07700 900001",
        "phones-1-type": "text",
        "phones-2-number": "",
        "phones-2-type": "voice",
        "hours-MO_opens": "09:00",
        "hours-MO_closes": "17:00",
        "hours-WE_opens": "10:00",
        "hours-WE_closes": "20:00",
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "20",
        "locations-0-location_id": "",
        "locations-0-location_type": "physical",
        "locations-0-name": "Thistledown House",
        "locations-0-address_1": SECRET_STREET,
        "locations-0-city": "Northbridge",
        "locations-0-postal_code": "nb34hj",
        "locations-0-confidential": "on",
        "locations-0-step_free": "on",
        "beds-available": "2",
        "beds-maximum": "6",
    }
    data.update(overrides)
    return data


@pytest.fixture
def postcode(db):
    area = AreaFactory(name="Northbridge", ons_code="E09000091")
    Postcode.objects.create(
        postcode="NB34HJ",
        latitude=Decimal("51.587123"),
        longitude=Decimal("-0.091234"),
        local_authority="E09000091",
    )
    return area


@pytest.fixture
def service_a(org_a):
    service = ServiceFactory(organisation=org_a, name="Saffron Advocacy")
    PhoneFactory(service=service, number="020 7946 0100")
    return service


@pytest.fixture
def service_b(org_b):
    return ServiceFactory(organisation=org_b, name="Northbridge IDVA")


# --- Who may -------------------------------------------------------------------------------


def test_it_lists_only_the_organisations_own_services(client, alice, org_a, service_a, service_b):
    client.force_login(alice)
    response = client.get(list_url(org_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Saffron Advocacy" in body
    assert "Northbridge IDVA" not in body


def manage_urls(org, service):
    return [
        list_url(org),
        add_url(org),
        edit_url(org, service),
        delete_url(org, service),
        reverse("finder:manage_vacancies", kwargs={"slug": org.slug}),
    ]


def test_it_refuses_a_plain_member_on_every_page(client, bob, org_a, service_a):
    client.force_login(bob)
    for url in manage_urls(org_a, service_a):
        assert client.get(url).status_code == 403, url
        assert client.post(url, payload()).status_code == 403, url
    assert Service.objects.filter(pk=service_a.pk, name="Saffron Advocacy").exists()
    assert Service.objects.count() == 1


def test_it_refuses_a_manager_of_another_organisation(client, charlie, org_a, service_a):
    client.force_login(charlie)
    for url in manage_urls(org_a, service_a):
        assert client.get(url).status_code == 403, url
        assert client.post(url, payload(name="Taken over")).status_code == 403, url
    service_a.refresh_from_db()
    assert service_a.name == "Saffron Advocacy"
    assert Service.objects.count() == 1


def test_it_sends_anonymous_visitors_to_sign_in(client, org_a, service_a):
    for url in manage_urls(org_a, service_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]
        assert client.post(url, payload(name="Anonymous")).status_code == 302
    assert not Service.objects.filter(name="Anonymous").exists()


def test_it_is_a_404_to_reach_another_organisations_service_through_your_own(
    client, alice, charlie, org_a, service_b
):
    client.force_login(alice)
    assert client.get(edit_url(org_a, service_b)).status_code == 404
    response = client.post(edit_url(org_a, service_b), payload(name="Hijacked"))
    assert response.status_code == 404
    assert client.post(delete_url(org_a, service_b)).status_code == 404
    service_b.refresh_from_db()
    assert service_b.name == "Northbridge IDVA"


def test_it_lets_a_hub_administrator_manage_any_organisations_services(
    verified_client, hannah, org_b, service_b, postcode
):
    client = verified_client(hannah)
    assert client.get(list_url(org_b)).status_code == 200
    response = client.post(edit_url(org_b, service_b), payload(name="Northbridge Refuge"))
    assert response.status_code == 302
    service_b.refresh_from_db()
    assert service_b.name == "Northbridge Refuge"


# --- What is saved -------------------------------------------------------------------------


def test_the_add_page_renders_every_part_of_the_form(client, alice, org_a):
    client.force_login(alice)
    body = client.get(add_url(org_a)).content.decode()
    assert body.count("<h1") == 1
    for name in (
        "staff_languages",
        "interpreter_languages",
        "phones-0-number",
        "hours-MO_opens",
        "locations-0-postal_code",
        "locations-0-confidential",
        "beds-available",
    ):
        assert f'name="{name}"' in body, name
    assert "Keep this address confidential (refuges)" in body


def test_it_adds_a_service_with_everything_that_hangs_off_it(client, alice, org_a, postcode):
    client.force_login(alice)
    response = client.post(add_url(org_a), payload())
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(name="Saffron Refuge")
    assert service.organisation == org_a
    assert service.url == "https://saffron.example.org/refuge"
    assert set(service.terms.values_list("code", flat=True)) == {
        "refuge",
        "nrpf-accepted",
        "women-only",
        "faith-muslim",
        "community-south-asian",
    }
    assert set(service.languages.values_list("code", "mode")) == {
        ("ur", "staff"),
        ("bn", "staff"),
        ("so", "interpreter"),
    }
    assert set(service.phones.values_list("number", "type")) == {
        ("0808 157 0001", "voice"),
        ("07700 900001", "text"),
    }
    assert set(service.schedules.values_list("byday", "opens_at", "closes_at")) == {
        ("MO", time(9), time(17)),
        ("WE", time(10), time(20)),
    }
    location = Location.objects.get(service_at_locations__service=service)
    assert location.organisation == org_a
    assert location.confidential
    assert location.postal_code == "NB3 4HJ"
    # Coordinates and area come from the postcode table.
    assert location.latitude == Decimal("51.587123")
    assert location.area == postcode
    assert location.accessibility.get().step_free
    capacity = ServiceCapacity.objects.get(service=service)
    assert (capacity.available, capacity.maximum, capacity.unit_id) == (2, 6, "bed-space")


def test_a_new_service_starts_with_the_organisations_languages_ticked(client, alice, org_a):
    org_a.languages.set(org_a.languages.model.objects.filter(code__in=["pa", "ur"]))
    client.force_login(alice)
    body = client.get(add_url(org_a)).content.decode()
    assert 'name="staff_languages" type="checkbox" value="pa" checked' in body


def test_it_edits_a_service_and_removes_what_was_cleared(client, alice, org_a, service_a, postcode):
    link = ServiceAtLocationFactory(service=service_a)
    client.force_login(alice)
    page = client.get(edit_url(org_a, service_a)).content.decode()
    assert "020 7946 0100" in page
    data = payload(
        name="Saffron Advocacy",
        **{
            "phones-TOTAL_FORMS": "1",
            "phones-INITIAL_FORMS": "1",
            "phones-0-number": "",
            "phones-1-number": "",
            "locations-TOTAL_FORMS": "1",
            "locations-INITIAL_FORMS": "1",
            "locations-0-location_id": link.location_id,
            "locations-0-remove": "on",
            "beds-available": "",
            "beds-maximum": "",
        },
    )
    response = client.post(edit_url(org_a, service_a), data)
    assert response.status_code == 302
    assert not service_a.phones.exists()
    assert not service_a.service_at_locations.exists()
    # The location served only this service, so it has gone too.
    assert not Location.objects.filter(pk=link.location_id).exists()
    assert not service_a.capacities.exists()


def test_it_keeps_the_stored_values_when_the_form_has_an_error(client, alice, org_a, service_a):
    client.force_login(alice)
    data = payload(
        name="Renamed",
        **{"hours-MO_opens": "17:00", "hours-MO_closes": "09:00", "beds-available": "9"},
    )
    response = client.post(edit_url(org_a, service_a), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "The closing time must be after the opening time" in body
    assert "Spaces available cannot be more than the total" in body
    service_a.refresh_from_db()
    assert service_a.name == "Saffron Advocacy"
    assert not service_a.schedules.exists()


def test_it_refuses_a_location_that_belongs_to_another_organisation(
    client, alice, org_a, org_b, service_a
):
    theirs = LocationFactory(organisation=org_b, address_1="1 Their Street")
    client.force_login(alice)
    data = payload(
        name="Renamed",
        **{
            "locations-INITIAL_FORMS": "1",
            "locations-0-location_id": theirs.pk,
            "locations-0-address_1": "Overwritten",
            "locations-0-confidential": "",
        },
    )
    response = client.post(edit_url(org_a, service_a), data)
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.address_1 == "1 Their Street"
    service_a.refresh_from_db()
    assert service_a.name == "Saffron Advocacy"
    assert not service_a.service_at_locations.exists()


def test_it_refuses_a_language_or_term_that_is_not_on_the_list(client, alice, org_a, service_a):
    client.force_login(alice)
    response = client.post(
        edit_url(org_a, service_a),
        payload(name="Renamed", staff_languages=["xx"], needs=["coaction-vawg-nonsense"]),
    )
    assert response.status_code == 400
    service_a.refresh_from_db()
    assert service_a.name == "Saffron Advocacy"


def test_it_can_mark_a_service_open_all_day_every_day(client, alice, org_a, service_a):
    client.force_login(alice)
    client.post(edit_url(org_a, service_a), payload(**{"hours-always_open": "on"}))
    assert service_a.schedules.count() == 7
    assert set(service_a.schedules.values_list("opens_at", "closes_at")) == {
        (time(0, 0), time(23, 59))
    }
    page = client.get(edit_url(org_a, service_a)).content.decode()
    assert 'name="hours-always_open" type="checkbox" value="on" checked' in page


def test_it_records_who_changed_the_service_in_the_audit_log(client, alice, org_a, service_a):
    from auditlog.models import LogEntry

    client.force_login(alice)
    client.post(edit_url(org_a, service_a), payload(name="Saffron Advocacy and Refuge"))
    entries = LogEntry.objects.get_for_object(service_a).filter(action=LogEntry.Action.UPDATE)
    assert any("name" in e.changes_dict and e.actor == alice for e in entries)
    location = Location.objects.get(service_at_locations__service=service_a)
    created = LogEntry.objects.get_for_object(location).get(action=LogEntry.Action.CREATE)
    assert created.actor == alice


def test_it_asks_for_the_search_embedding_once_the_save_has_committed(
    client, alice, org_a, service_a, monkeypatch, django_capture_on_commit_callbacks
):
    asked = []
    monkeypatch.setattr(actions, "schedule_embedding", asked.append)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(edit_url(org_a, service_a), payload())
        assert asked == []
    for callback in callbacks:
        callback()
    assert [service_a.pk] in asked


# --- Confidential addresses -----------------------------------------------------------------


def test_a_confidential_address_entered_here_never_reaches_the_public_pages(
    client, alice, org_a, postcode
):
    client.force_login(alice)
    client.post(add_url(org_a), payload())
    service = Service.objects.get(name="Saffron Refuge")
    location = Location.objects.get(service_at_locations__service=service)
    shown = public_location(location)
    assert (shown.address_1, shown.postal_code, shown.name) == ("", "", "")
    assert shown.latitude == Decimal("51.6")

    client.logout()
    page = client.get(reverse("finder:service", kwargs={"service_id": service.pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Saffron Refuge" in body
    for secret in (SECRET_STREET, SECRET_POSTCODE, "NB34HJ", "Thistledown House", "51.587123"):
        assert secret not in body


def test_unticking_confidential_makes_the_address_public_again(client, alice, org_a, postcode):
    client.force_login(alice)
    client.post(add_url(org_a), payload(**{"locations-0-confidential": ""}))
    location = Location.objects.get(service_at_locations__service__name="Saffron Refuge")
    assert not location.confidential
    assert public_location(location).address_1 == SECRET_STREET


# --- Deleting -------------------------------------------------------------------------------


def test_it_asks_before_deleting(client, alice, org_a, service_a):
    client.force_login(alice)
    page = client.get(delete_url(org_a, service_a))
    assert page.status_code == 200
    assert "This cannot be undone" in page.content.decode()
    assert Service.objects.filter(pk=service_a.pk).exists()


def test_deleting_a_refuge_removes_its_confidential_address(client, alice, org_a, service_a):
    secret = LocationFactory(organisation=org_a, confidential=True)
    shared = LocationFactory(organisation=org_a)
    ServiceAtLocationFactory(service=service_a, location=secret)
    ServiceAtLocationFactory(service=service_a, location=shared)
    ServiceAtLocationFactory(service=ServiceFactory(organisation=org_a), location=shared)
    client.force_login(alice)
    response = client.post(delete_url(org_a, service_a))
    assert response.status_code == 302
    assert not Service.objects.filter(pk=service_a.pk).exists()
    assert not Location.objects.filter(pk=secret.pk).exists()
    assert Location.objects.filter(pk=shared.pk).exists()


def test_the_action_itself_refuses_an_outsider(charlie, service_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.do_delete_service(acting_user=charlie, service=service_a)
    assert Service.objects.filter(pk=service_a.pk).exists()
