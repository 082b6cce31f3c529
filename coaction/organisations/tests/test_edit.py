import pytest
from django.urls import reverse

from coaction.organisations.models import (
    ByAndForDeclaration,
    Organisation,
    OrganisationIdentifier,
    Specialism,
)
from coaction.organisations.tests.factories import OrganisationFactory


def url(org):
    return reverse("organisations:edit", kwargs={"slug": org.slug})


def payload(org, **overrides):
    data = {
        "name": org.name,
        "description": "We support South Asian women across Northbridge.",
        "leadership_type": org.leadership_type,
        "income_band": "under_100k",
        "website": "https://saffron.example.org",
        "identifiers": "GB-CHC-1234567\ngb-coh-01234567",
        "specialisms": [Specialism.objects.get(code="forced-marriage").pk],
        "criterion_leadership": "on",
        "evidence_leadership": "Our trustees page lists all eight trustees.",
    }
    data.update(overrides)
    return data


def test_it_lets_a_manager_edit_their_organisation(client, alice, org_a):
    client.force_login(alice)
    response = client.post(url(org_a), payload(org_a))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.description.startswith("We support")
    assert sorted(org_a.identifiers.values_list("value", flat=True)) == [
        "GB-CHC-1234567",
        "GB-COH-01234567",
    ]
    assert list(org_a.specialisms.values_list("code", flat=True)) == ["forced-marriage"]
    declaration = ByAndForDeclaration.objects.get(organisation=org_a, criterion__code="leadership")
    assert declaration.met and "eight trustees" in declaration.evidence


def test_it_records_the_change_in_the_audit_log(client, alice, org_a):
    from auditlog.models import LogEntry

    client.force_login(alice)
    client.post(url(org_a), payload(org_a))
    entries = list(LogEntry.objects.get_for_object(org_a).filter(action=LogEntry.Action.UPDATE))
    assert entries and all(entry.actor == alice for entry in entries)
    assert any("description" in entry.changes_dict for entry in entries)


def test_it_refuses_a_plain_member(client, bob, org_a):
    client.force_login(bob)
    assert client.get(url(org_a)).status_code == 403
    before = Organisation.objects.get(pk=org_a.pk).description
    assert client.post(url(org_a), payload(org_a)).status_code == 403
    assert Organisation.objects.get(pk=org_a.pk).description == before


def test_it_refuses_a_manager_of_another_organisation(client, charlie, org_a):
    client.force_login(charlie)
    assert client.get(url(org_a)).status_code == 403
    assert client.post(url(org_a), payload(org_a)).status_code == 403
    org_a.refresh_from_db()
    assert org_a.description == ""


def test_it_refuses_anonymous_visitors(client, org_a):
    response = client.post(url(org_a), payload(org_a))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.description == ""


def test_it_lets_a_hub_administrator_edit_any_organisation(verified_client, hannah, org_a):
    client = verified_client(hannah)
    assert client.post(url(org_a), payload(org_a)).status_code == 302


@pytest.mark.parametrize(
    "identifiers",
    ["XX-123", "GB-CHC-abc", "GB-LAE-", "GB-CHC-1234567\nGB-CHC-1234567"],
)
def test_it_refuses_bad_identifiers_and_changes_nothing(client, alice, org_a, identifiers):
    client.force_login(alice)
    response = client.post(url(org_a), payload(org_a, identifiers=identifiers))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    org_a.refresh_from_db()
    assert org_a.description == ""
    assert not org_a.identifiers.exists()


def test_it_refuses_an_identifier_that_belongs_to_another_organisation(client, alice, org_a, org_b):
    OrganisationIdentifier.objects.create(organisation=org_b, value="GB-CHC-1234567")
    client.force_login(alice)
    response = client.post(url(org_a), payload(org_a))
    assert response.status_code == 200
    assert b"already belongs to another organisation" in response.content
    org_a.refresh_from_db()
    assert org_a.description == ""


def test_it_refuses_over_long_fields(client, alice, org_a):
    client.force_login(alice)
    response = client.post(url(org_a), payload(org_a, name="x" * 201))
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.name == "Saffron Sisters"


def test_it_refuses_unknown_choices(client, alice, org_a):
    client.force_login(alice)
    response = client.post(url(org_a), payload(org_a, leadership_type="imaginary"))
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.leadership_type == "by_and_for"


def test_renaming_keeps_the_slug_unique(client, alice, org_a):
    OrganisationFactory(name="Amani Centre")
    client.force_login(alice)
    client.post(url(org_a), payload(org_a, name="Amani Centre"))
    org_a.refresh_from_db()
    assert org_a.slug == "amani-centre-2"
