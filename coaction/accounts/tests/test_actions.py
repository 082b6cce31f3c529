import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaction.accounts import actions
from coaction.accounts.tests.otp import current_code, wrong_code
from coaction.core.errors import ActionError


def test_it_starts_setup_with_one_fresh_unconfirmed_device(bob):
    first = actions.do_start_totp_setup(acting_user=bob)
    second = actions.do_start_totp_setup(acting_user=bob)

    assert list(TOTPDevice.objects.filter(user=bob)) == [second]
    assert not second.confirmed
    assert first.key != second.key


def test_starting_setup_keeps_a_confirmed_device(bob):
    confirmed = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    actions.do_start_totp_setup(acting_user=bob)
    assert TOTPDevice.objects.filter(pk=confirmed.pk, confirmed=True).exists()


def test_it_refuses_to_confirm_someone_elses_device(alice, charlie):
    device = actions.do_start_totp_setup(acting_user=alice)

    with pytest.raises(ActionError, match="belongs to someone else"):
        actions.do_confirm_totp_device(
            acting_user=charlie, device=device, token=current_code(device)
        )

    device.refresh_from_db()
    assert not device.confirmed


def test_it_refuses_a_wrong_code(bob):
    device = actions.do_start_totp_setup(acting_user=bob)
    with pytest.raises(ActionError, match="did not match"):
        actions.do_confirm_totp_device(acting_user=bob, device=device, token=wrong_code(device))
    device.refresh_from_db()
    assert not device.confirmed


def test_a_hub_admin_cannot_remove_two_factor(hannah):
    TOTPDevice.objects.create(user=hannah, name="phone", confirmed=True)
    with pytest.raises(ActionError):
        actions.do_remove_two_factor(acting_user=hannah)
    assert TOTPDevice.objects.filter(user=hannah).count() == 1
