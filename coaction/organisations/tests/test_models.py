import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from coaction.organisations.models import Area, Membership, OrganisationIdentifier


def test_membership_roles_rank_in_order(alice, bob):
    manager = Membership.objects.get(user=alice)
    member = Membership.objects.get(user=bob)
    assert manager.has_role("member") and manager.has_role("manager")
    assert not manager.has_role("admin")
    assert member.has_role("member") and not member.has_role("manager")


def test_one_membership_per_person_per_organisation(alice, org_a):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=alice, organisation=org_a, role="member")


def test_the_database_refuses_an_unknown_role(alice, org_b):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=alice, organisation=org_b, role="owner")


def test_an_identifier_belongs_to_one_organisation(org_a, org_b):
    OrganisationIdentifier.objects.create(organisation=org_a, value="GB-CHC-1234567")
    with pytest.raises(IntegrityError):
        OrganisationIdentifier.objects.create(organisation=org_b, value="GB-CHC-1234567")


@pytest.mark.parametrize("code", ["E09000013", "W06000015", "S12000036", "N09000003"])
def test_area_accepts_local_authority_codes(db, code):
    Area(name="x", slug="x", ons_code=code).full_clean()


@pytest.mark.parametrize("code", ["E12000007", "E0900001", "X09000013", ""])
def test_area_refuses_other_codes(db, code):
    with pytest.raises(ValidationError):
        Area(name="x", slug="x", ons_code=code).full_clean()
