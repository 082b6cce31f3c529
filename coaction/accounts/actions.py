from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaction.accounts.models import User
from coaction.core.errors import ActionError


def do_start_totp_setup(*, acting_user: User) -> TOTPDevice:
    """Give the user a fresh, unconfirmed authenticator, replacing any earlier unconfirmed one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=acting_user, confirmed=False).delete()
        return TOTPDevice.objects.create(
            user=acting_user, name="Authenticator app", confirmed=False
        )


def do_confirm_totp_device(*, acting_user: User, device: TOTPDevice, token: str) -> TOTPDevice:
    if device.user_id != acting_user.pk:
        raise ActionError(_("That authenticator belongs to someone else."))
    if not device.verify_token(token):
        raise ActionError(_("That code did not match. Check the time on your phone and try again."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=acting_user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def do_remove_two_factor(*, acting_user: User) -> None:
    if acting_user.is_hub_admin:
        raise ActionError(_("Hub administrators must keep two-factor sign-in switched on."))
    TOTPDevice.objects.filter(user=acting_user).delete()
