"""Read settings from the environment, strictly.

A typo in a deployment's environment ("ture", "30m") must stop Kith at start-up with a message
that names the variable, not quietly fall back to a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

TRUE_WORDS = {"true", "1", "yes", "on"}
FALSE_WORDS = {"false", "0", "no", "off"}


class EnvironmentError_(ValueError):
    """A setting in the environment that Kith cannot use."""


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise EnvironmentError_(f"{name} must be true or false, not {raw!r}")


def env_int(
    name: str, default: int, environ: Mapping[str, str] = os.environ, *, minimum: int = 0
) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise EnvironmentError_(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise EnvironmentError_(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip()
