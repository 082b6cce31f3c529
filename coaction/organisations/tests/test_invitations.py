from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coaction.accounts.models import User
from coaction.organisations.models import Membership
from coaction.organisations.tests.factories import InvitationFactory

NEW_ACCOUNT = {
    "full_name": "Nadia Hussain",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def test_a_new_person_creates_an_account_and_joins(client, org_a):
    invitation = InvitationFactory(organisation=org_a, email="nadia@example.org", role="member")
    response = client.post(invitation.get_absolute_url(), NEW_ACCOUNT)
    assert response.status_code == 302
    user = User.objects.get(email="nadia@example.org")
    assert Membership.objects.get(user=user).organisation == org_a
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Used once only.
    again = client.post(invitation.get_absolute_url(), NEW_ACCOUNT)
    assert again.status_code == 410


def test_mismatched_passwords_create_nothing(client, org_a):
    invitation = InvitationFactory(organisation=org_a)
    response = client.post(invitation.get_absolute_url(), {**NEW_ACCOUNT, "password2": "different"})
    assert response.status_code == 200
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_expired_invitation_is_refused(client, org_a):
    invitation = InvitationFactory(
        organisation=org_a, expires_at=timezone.now() - timedelta(days=1)
    )
    assert client.get(invitation.get_absolute_url()).status_code == 410


def test_an_unknown_token_is_not_found(client, db):
    url = reverse("organisations:accept_invitation", kwargs={"token": "no-such-token"})
    assert client.get(url).status_code == 404


def test_someone_signed_in_with_another_address_is_refused(client, charlie, org_a):
    invitation = InvitationFactory(organisation=org_a, email="someone.else@example.org")
    client.force_login(charlie)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 403
    assert not Membership.objects.filter(user=charlie, organisation=org_a).exists()


def test_an_existing_account_signs_in_then_joins(client, charlie, org_a):
    invitation = InvitationFactory(organisation=org_a, email=charlie.email)
    first = client.get(invitation.get_absolute_url())
    assert b"Sign in to accept" in first.content
    client.force_login(charlie)
    client.post(invitation.get_absolute_url())
    assert Membership.objects.filter(user=charlie, organisation=org_a).exists()
