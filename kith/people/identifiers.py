"""NHS numbers and unique pupil numbers: checking them, showing them, and making safe ones for
the demo authority.

Checks come from python-stdnum (modulus 11 for NHS numbers; the DfE check letter for UPNs).
Demo numbers come from ranges that can never belong to a real person:
- NHS numbers starting 999 are reserved by NHS England for testing and never issued;
- UPNs with a school (establishment) number below 1000: DfE numbers schools from 1000 upwards,
  so "0xxx" is never issued.
"""

from __future__ import annotations

import random

from stdnum.gb import nhs, upn

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ0123456789"


def format_nhs_number(value: str) -> str:
    """'9990001234' → '999 000 1234', as the NHS prints it."""
    return nhs.format(value) if value else ""


def is_valid_nhs_number(value: str) -> bool:
    return nhs.is_valid(value)


def is_valid_upn(value: str) -> bool:
    return upn.is_valid(value)


def demo_nhs_number(rng: random.Random) -> str:
    """A valid NHS number from the 999 test range."""
    while True:
        body = "999" + f"{rng.randrange(1_000_000):06d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:  # 10 means the number cannot be issued
            return body + str(check)


def demo_upn(rng: random.Random, la_number: str) -> str:
    """A valid UPN for the authority `la_number`, from the never-issued 0xxx school range."""
    body = la_number + f"{rng.randrange(1000):04d}" + f"{rng.randrange(100):02d}"
    body += f"{rng.randrange(1000):03d}"
    check = sum(i * UPN_ALPHABET.index(c) for i, c in enumerate(body, 2)) % 23
    return UPN_ALPHABET[check] + body
