"""Kith's settings plus a save that stops half-way, for test_killed_mid_save.py's server."""

from kith.settings import *  # noqa: F403
from kith.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "kith.web.tests.pause.apps.PauseConfig"]
