"""Kith's settings plus the slow test job, for the worker processes of test_worker.py."""

from kith.settings import *  # noqa: F403
from kith.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "kith.jobs.tests.slow.apps.SlowJobConfig"]
