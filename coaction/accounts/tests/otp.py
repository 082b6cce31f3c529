"""Authenticator codes for tests, computed the way a phone app computes them."""

import time

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def _code_at(device: TOTPDevice, steps_from_now: int) -> str:
    t0 = device.t0 - steps_from_now * device.step
    value = totp(device.bin_key, device.step, t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


def current_code(device: TOTPDevice) -> str:
    return _code_at(device, 0)


def wrong_code(device: TOTPDevice) -> str:
    """A code the device will refuse whichever neighbouring time step it checks."""
    accepted = {_code_at(device, n) for n in range(-device.tolerance - 1, device.tolerance + 2)}
    candidate = int(time.time()) % 10**device.digits
    while f"{candidate:0{device.digits}d}" in accepted:
        candidate = (candidate + 1) % 10**device.digits
    return f"{candidate:0{device.digits}d}"
