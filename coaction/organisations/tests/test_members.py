from django.core import mail
from django.urls import reverse

from coaction.core.models import TaskProgress
from coaction.organisations.models import Invitation, Membership
from coaction.organisations.tests.factories import InvitationFactory


def members_url(org):
    return reverse("organisations:members", kwargs={"slug": org.slug})


def test_it_lists_members_for_a_manager(client, alice, bob, org_a):
    client.force_login(alice)
    response = client.get(members_url(org_a))
    assert response.status_code == 200
    assert b"Bob Begum" in response.content


def test_it_refuses_a_plain_member_and_an_outsider(client, bob, charlie, org_a):
    for user in (bob, charlie):
        client.force_login(user)
        assert client.get(members_url(org_a)).status_code == 403


def test_it_refuses_anonymous_visitors(client, org_a):
    assert client.get(members_url(org_a)).status_code == 302


def test_it_invites_people_and_emails_them_in_the_background(
    client, alice, org_a, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            members_url(org_a),
            {"emails": "New.Person@example.org\nsecond@example.org", "role": "member"},
        )
    progress = TaskProgress.objects.get()
    assert response["Location"] == reverse(
        "core:task_progress", kwargs={"progress_id": progress.pk}
    )
    assert progress.status == TaskProgress.Status.SUCCEEDED
    assert progress.done == progress.total == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["new.person@example.org", "second@example.org"]
    invitation = Invitation.objects.get(email="new.person@example.org")
    assert (
        invitation.get_absolute_url() in mail.outbox[0].body
        or invitation.get_absolute_url() in mail.outbox[1].body
    )


def test_it_refuses_bad_email_addresses_and_invites_nobody(client, alice, org_a):
    client.force_login(alice)
    response = client.post(
        members_url(org_a), {"emails": "fine@example.org\nnot an email", "role": "member"}
    )
    assert response.status_code == 200
    assert b"not an email address" in response.content
    assert not Invitation.objects.exists()


def test_a_manager_cannot_invite_an_administrator(client, alice, org_a):
    client.force_login(alice)
    response = client.post(members_url(org_a), {"emails": "x@example.org", "role": "admin"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_it_does_not_invite_existing_members(client, alice, bob, org_a):
    client.force_login(alice)
    response = client.post(members_url(org_a), {"emails": bob.email, "role": "member"})
    assert b"already a member" in response.content
    assert not Invitation.objects.exists()


def test_it_changes_a_role(client, alice, bob, org_a):
    client.force_login(alice)
    membership = Membership.objects.get(user=bob)
    url = reverse(
        "organisations:member_role", kwargs={"slug": org_a.slug, "membership_id": membership.pk}
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"role": "manager"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "manager"


def test_it_refuses_to_change_a_membership_of_another_organisation(
    client, alice, charlie, org_a, org_b
):
    client.force_login(alice)
    theirs = Membership.objects.get(user=charlie)
    # Alice's organisation in the URL, Charlie's membership id: not found.
    url = reverse(
        "organisations:member_role", kwargs={"slug": org_a.slug, "membership_id": theirs.pk}
    )
    assert client.post(url, {"role": "member"}).status_code == 404
    # Charlie's organisation in the URL: forbidden.
    url = reverse(
        "organisations:member_role", kwargs={"slug": org_b.slug, "membership_id": theirs.pk}
    )
    assert client.post(url, {"role": "member"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.role == "manager"


def test_it_asks_before_removing_a_member_then_removes(client, alice, bob, org_a):
    client.force_login(alice)
    membership = Membership.objects.get(user=bob)
    url = reverse(
        "organisations:member_remove", kwargs={"slug": org_a.slug, "membership_id": membership.pk}
    )
    confirm = client.get(url)
    assert b"Remove Bob Begum" in confirm.content
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_administrator_cannot_be_removed(verified_client, hannah, alice, org_a):
    admin = Membership.objects.create(user=hannah, organisation=org_a, role="admin")
    client = verified_client(hannah)
    url = reverse(
        "organisations:member_remove", kwargs={"slug": org_a.slug, "membership_id": admin.pk}
    )
    client.post(url)
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_a_member_cannot_remove_anyone(client, alice, bob, org_a):
    client.force_login(bob)
    membership = Membership.objects.get(user=alice)
    url = reverse(
        "organisations:member_remove", kwargs={"slug": org_a.slug, "membership_id": membership.pk}
    )
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_it_withdraws_an_invitation_with_a_post_only(client, alice, charlie, org_a):
    invitation = InvitationFactory(organisation=org_a)
    url = reverse(
        "organisations:invitation_revoke",
        kwargs={"slug": org_a.slug, "invitation_id": invitation.pk},
    )
    client.force_login(charlie)
    assert client.post(url).status_code == 403
    client.force_login(alice)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
