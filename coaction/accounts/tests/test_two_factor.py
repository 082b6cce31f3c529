from base64 import b32encode

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaction.accounts.tests.otp import current_code, wrong_code

SETUP = reverse("accounts:two_factor_setup")
REMOVE = reverse("accounts:two_factor_remove")
SETTINGS = reverse("accounts:settings")


def pending_device(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


@pytest.mark.parametrize("url", [SETUP, REMOVE])
def test_it_sends_anonymous_visitors_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not TOTPDevice.objects.exists()


def test_it_shows_a_qr_code_and_the_key_for_a_new_authenticator(client, bob):
    client.force_login(bob)

    response = client.get(SETUP)

    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body
    device = pending_device(bob)
    assert "Hub administrators must use two-factor" not in body
    key = b32encode(device.bin_key).decode().rstrip("=")
    assert key[:4] + " " + key[4:8] in body


def test_a_member_can_turn_two_factor_on(client, bob):
    client.force_login(bob)
    client.get(SETUP)
    device = pending_device(bob)

    response = client.post(SETUP, {"token": current_code(device)}, follow=True)

    assert response.redirect_chain == [(SETTINGS, 302)]
    assert "Two-factor sign-in is on." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_a_wrong_code_does_not_turn_it_on(client, bob):
    client.force_login(bob)
    client.get(SETUP)
    device = pending_device(bob)

    response = client.post(SETUP, {"token": wrong_code(device)})

    assert response.status_code == 200
    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=bob, confirmed=True).exists()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_new_authenticator_replaces_the_old_one(verified_client, bob):
    client = verified_client(bob)
    old = TOTPDevice.objects.get(user=bob)
    client.get(SETUP)
    new = pending_device(bob)

    client.post(SETUP, {"token": current_code(new)})

    assert list(TOTPDevice.objects.filter(user=bob)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_the_remove_page_asks_for_confirmation_and_changes_nothing(verified_client, bob):
    client = verified_client(bob)

    response = client.get(REMOVE)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Turn off two-factor sign-in?" in body
    assert '<form method="post">' in body
    assert TOTPDevice.objects.filter(user=bob, confirmed=True).exists()


def test_a_member_can_turn_two_factor_off(verified_client, bob):
    client = verified_client(bob)

    response = client.post(REMOVE, follow=True)

    assert response.redirect_chain == [(SETTINGS, 302)]
    assert "Two-factor sign-in is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=bob).exists()


def test_removing_only_touches_your_own_devices(verified_client, bob, alice):
    TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    client = verified_client(bob)
    client.post(REMOVE)
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_a_hub_admin_cannot_turn_two_factor_off(verified_client, hannah):
    client = verified_client(hannah)

    response = client.post(REMOVE, follow=True)

    assert response.redirect_chain == [(SETTINGS, 302)]
    assert "must keep two-factor sign-in switched on" in response.content.decode()
    assert TOTPDevice.objects.filter(user=hannah, confirmed=True).exists()


def test_settings_offers_a_hub_admin_replacement_not_removal(verified_client, hannah):
    body = verified_client(hannah).get(SETTINGS).content.decode()
    assert f'href="{SETUP}"' in body
    assert f'href="{REMOVE}"' not in body


@pytest.mark.parametrize(
    "url",
    [SETTINGS, reverse("organisations:directory"), reverse("accounts:password_change"), "/admin/"],
)
def test_an_unverified_hub_admin_is_sent_to_set_up_two_factor(client, hannah, url):
    client.force_login(hannah)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == SETUP


def test_an_unverified_hub_admin_is_sent_to_set_up_from_another_language(client, hannah):
    client.force_login(hannah)
    response = client.get("/ur" + SETTINGS)
    assert response.status_code == 302
    assert response.url == "/ur" + SETUP


def test_an_unverified_hub_admin_can_still_sign_out_and_see_home(client, hannah):
    client.force_login(hannah)
    assert client.get(reverse("core:home")).status_code == 200
    setup_page = client.get(SETUP)
    assert setup_page.status_code == 200
    assert "Hub administrators must use two-factor" in setup_page.content.decode()
    assert client.post(reverse("accounts:logout")).url == reverse("core:home")


def test_a_hub_admin_who_confirms_a_code_can_reach_admin(client, hannah):
    client.force_login(hannah)
    assert client.get("/admin/").url == SETUP
    client.get(SETUP)
    device = pending_device(hannah)

    client.post(SETUP, {"token": current_code(device)})

    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Coaction Hub administration" in response.content.decode()
    assert client.get(SETTINGS).status_code == 200


def test_members_are_not_made_to_set_up_two_factor(client, bob):
    client.force_login(bob)
    assert client.get(SETTINGS).status_code == 200
