from django.urls import reverse

from coaction.organisations.models import ByAndForCriterion, ByAndForDeclaration


def test_it_refuses_anonymous_visitors(client, org_a):
    response = client.get(reverse("organisations:profile", kwargs={"slug": org_a.slug}))
    assert response.status_code == 302


def test_it_shows_the_profile_to_any_member_of_the_platform(client, charlie, org_a):
    client.force_login(charlie)
    response = client.get(reverse("organisations:profile", kwargs={"slug": org_a.slug}))
    assert response.status_code == 200
    assert b"Saffron Sisters" in response.content
    # Charlie can read the profile but is not offered the edit button.
    assert (
        reverse("organisations:edit", kwargs={"slug": org_a.slug}).encode() not in response.content
    )


def test_it_offers_managers_the_edit_button(client, alice, org_a):
    client.force_login(alice)
    response = client.get(reverse("organisations:profile", kwargs={"slug": org_a.slug}))
    assert reverse("organisations:edit", kwargs={"slug": org_a.slug}).encode() in response.content


def test_it_shows_by_and_for_declarations_with_evidence(client, alice, org_a):
    criterion = ByAndForCriterion.objects.get(code="leadership")
    ByAndForDeclaration.objects.create(
        organisation=org_a, criterion=criterion, met=True, evidence="Trustees page"
    )
    client.force_login(alice)
    response = client.get(reverse("organisations:profile", kwargs={"slug": org_a.slug}))
    assert b"Trustees page" in response.content


def test_it_404s_for_an_unknown_organisation(client, alice):
    client.force_login(alice)
    response = client.get(reverse("organisations:profile", kwargs={"slug": "no-such-org"}))
    assert response.status_code == 404
