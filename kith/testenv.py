"""The environment every test run uses, set before Django reads its settings.

Loaded by pytest as an early plugin (`-p kith.testenv` in pyproject.toml), because pytest-django
reads the settings before any conftest.py runs.
"""

import os
import tempfile

# Tests sign in over plain http on localhost, and serve static files straight from static/.
os.environ.setdefault("KITH_SECRET_KEY", "kith-tests-only-not-a-real-secret")
os.environ.setdefault("KITH_SECURE_COOKIES", "false")
os.environ.setdefault("KITH_STATIC_FROM_SOURCE", "true")
os.environ.setdefault(
    "KITH_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("KITH_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Documents uploaded by tests go to a folder of their own, never the demo's.
os.environ.setdefault("KITH_MEDIA_ROOT", tempfile.mkdtemp(prefix="kith-test-media-"))
# Playwright's sync API runs an event loop in the test thread; Django's database calls from the
# same thread are safe here (see the platform notes in docs/).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Jobs (returns among them) run within the request in tests, inside the test's transaction.
os.environ.setdefault("KITH_JOBS_AT_ONCE", "true")
