"""Two-step sign-in: after the password, a six-digit code from an authenticator app (TOTP,
through django-otp). Open to all staff; required for administrators."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from kith.accounts.roles import Role

DEVICE_NAME = "Authenticator app"


def required_for(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.ADMINISTRATOR)


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_to_set_up(user: Any) -> TOTPDevice:
    """The unconfirmed device for a user setting up two-step sign-in (made once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The QR code an authenticator app scans, as SVG markup (no script, no inline style)."""
    image = qrcode.make(device.config_url, image_factory=SvgPathImage)
    svg = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1
    )


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in groups of four, for someone who cannot scan the code."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def must_wait(device: TOTPDevice) -> bool:
    """After wrong codes django-otp makes each next try wait longer (1, 2, 4… seconds)."""
    allowed, _ = device.verify_is_allowed()
    return not allowed


def code_is_right(device: TOTPDevice, code: str) -> bool:
    """Check a typed code (django-otp slows repeated wrong guesses down)."""
    code = "".join(code.split())
    return code.isdecimal() and len(code) == 6 and bool(device.verify_token(code))
