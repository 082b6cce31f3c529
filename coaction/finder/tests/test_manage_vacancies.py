"""Refuge vacancies on one quick page: every refuge's bed spaces saved together, or none."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaction.finder.models import ServiceCapacity
from coaction.finder.tests.factories import ServiceCapacityFactory, ServiceFactory


def url(org):
    return reverse("finder:manage_vacancies", kwargs={"slug": org.slug})


@pytest.fixture
def refuges(org_a):
    week_ago = timezone.now() - timedelta(days=7)
    first = ServiceFactory(organisation=org_a, name="Saffron House", term_codes=["refuge"])
    second = ServiceFactory(organisation=org_a, name="Jasmine House", term_codes=["refuge"])
    ServiceCapacityFactory(service=first, available=1, maximum=6, updated=week_ago)
    return first, second


def post_data(first, second, **overrides):
    data = {
        f"refuge-{first.pk}-available": "3",
        f"refuge-{first.pk}-maximum": "6",
        f"refuge-{second.pk}-available": "0",
        f"refuge-{second.pk}-maximum": "4",
    }
    data.update(overrides)
    return data


def test_it_shows_each_refuge_with_its_last_update(client, alice, org_a, refuges):
    ServiceFactory(organisation=org_a, name="Saffron Advocacy", term_codes=["advocacy-idva"])
    client.force_login(alice)
    body = client.get(url(org_a)).content.decode()
    assert "Saffron House" in body and "Jasmine House" in body
    assert "Saffron Advocacy" not in body
    assert "Last updated" in body
    assert "No figures yet" in body


def test_it_saves_every_refuge_together_and_stamps_the_time(client, alice, org_a, refuges):
    first, second = refuges
    client.force_login(alice)
    before = timezone.now()
    response = client.post(url(org_a), post_data(first, second))
    assert response.status_code == 302
    one = ServiceCapacity.objects.get(service=first)
    two = ServiceCapacity.objects.get(service=second)
    assert (one.available, one.maximum) == (3, 6)
    assert (two.available, two.maximum, two.unit_id) == (0, 4, "bed-space")
    assert one.updated >= before and two.updated >= before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("available", "7", "Spaces available cannot be more than the total"),
        ("available", "-1", "Spaces available cannot be a negative number"),
        ("maximum", "lots", "Spaces in total must be a whole number"),
        ("available", "", "Enter the number of spaces available"),
    ],
)
def test_one_bad_row_changes_nothing(client, alice, org_a, refuges, field, value, message):
    first, second = refuges
    client.force_login(alice)
    response = client.post(
        url(org_a), post_data(first, second, **{f"refuge-{second.pk}-{field}": value})
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Nothing has been saved" in body
    # The good row was not saved either.
    one = ServiceCapacity.objects.get(service=first)
    assert (one.available, one.maximum) == (1, 6)
    assert one.updated < timezone.now() - timedelta(days=6)
    assert not ServiceCapacity.objects.filter(service=second).exists()


def test_a_figure_for_another_organisations_refuge_is_ignored(client, alice, org_a, org_b, refuges):
    first, second = refuges
    theirs = ServiceFactory(organisation=org_b, name="Their Refuge", term_codes=["refuge"])
    ServiceCapacityFactory(service=theirs, available=2, maximum=5)
    client.force_login(alice)
    data = post_data(first, second)
    data[f"refuge-{theirs.pk}-available"] = "0"
    data[f"refuge-{theirs.pk}-maximum"] = "0"
    assert client.post(url(org_a), data).status_code == 302
    stored = ServiceCapacity.objects.get(service=theirs)
    assert (stored.available, stored.maximum) == (2, 5)


def test_the_action_refuses_a_service_that_is_not_one_of_the_organisations_refuges(
    alice, org_a, org_b, refuges
):
    from coaction.core.errors import ActionError
    from coaction.finder.actions import BedSpaces, do_update_vacancies

    first, _second = refuges
    theirs = ServiceFactory(organisation=org_b, term_codes=["refuge"])
    with pytest.raises(ActionError):
        do_update_vacancies(
            acting_user=alice,
            organisation=org_a,
            figures={first.pk: BedSpaces(0, 6), theirs.pk: BedSpaces(0, 1)},
        )
    assert ServiceCapacity.objects.get(service=first).available == 1
    assert not ServiceCapacity.objects.filter(service=theirs).exists()


def test_it_records_the_update_in_the_audit_log(client, alice, org_a, refuges):
    from auditlog.models import LogEntry

    first, second = refuges
    client.force_login(alice)
    client.post(url(org_a), post_data(first, second))
    capacity = ServiceCapacity.objects.get(service=first)
    entry = LogEntry.objects.get_for_object(capacity).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == alice
    assert "available" in entry.changes_dict


def test_it_says_so_when_there_are_no_refuges(client, alice, org_a):
    client.force_login(alice)
    body = client.get(url(org_a)).content.decode()
    assert "None of your services offers refuge" in body


def test_it_refuses_members_outsiders_and_anonymous_visitors(client, bob, charlie, org_a, refuges):
    first, second = refuges
    for user in (bob, charlie):
        client.force_login(user)
        assert client.get(url(org_a)).status_code == 403
        assert client.post(url(org_a), post_data(first, second)).status_code == 403
    client.logout()
    assert client.post(url(org_a), post_data(first, second)).status_code == 302
    assert ServiceCapacity.objects.get(service=first).available == 1
    assert not ServiceCapacity.objects.filter(service=second).exists()
