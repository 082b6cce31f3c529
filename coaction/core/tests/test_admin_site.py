import pytest
from django.urls import reverse

from coaction.organisations.models import Organisation

ADMIN = reverse("admin:index")


def test_it_sends_anonymous_visitors_to_our_sign_in_page(client, db):
    response = client.get(ADMIN, follow=True)

    assert response.redirect_chain[-1] == (f"{reverse('accounts:login')}?next={ADMIN}", 302)
    assert 'name="next" value="/admin/"' in response.content.decode()


def test_it_refuses_a_manager(client, alice):
    client.force_login(alice)

    response = client.get(ADMIN, follow=True)

    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_it_refuses_a_staff_superuser_who_is_not_a_hub_admin(verified_client, alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()

    response = verified_client(alice).get(ADMIN, follow=True)

    assert response.status_code == 403


def test_it_refuses_a_hub_admin_without_a_second_factor(client, hannah):
    client.force_login(hannah)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor_setup")


def test_the_permission_check_itself_needs_a_second_factor(rf, hannah):
    from django.contrib import admin

    request = rf.get(ADMIN)
    request.user = hannah

    # django-otp's middleware gives each request's user an is_verified() answer.
    hannah.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    hannah.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_it_lets_a_verified_hub_admin_in(verified_client, hannah, org_a):
    client = verified_client(hannah)

    response = client.get(ADMIN)

    assert response.status_code == 200
    assert "Coaction Hub administration" in response.content.decode()
    changelist = client.get(reverse("admin:organisations_organisation_changelist"))
    assert changelist.status_code == 200
    assert org_a.name in changelist.content.decode()


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_outsiders_cannot_change_records_through_admin(client, request, org_a, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    url = reverse("admin:organisations_organisation_change", args=[org_a.pk])

    response = client.post(url, {"name": "Taken over"}, follow=True)

    assert response.status_code == 403
    assert Organisation.objects.get(pk=org_a.pk).name == "Saffron Sisters"
