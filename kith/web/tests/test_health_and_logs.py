"""/healthz for a load balancer, and the one JSON line logged for every request."""

import json
import logging
from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from kith.accounts.roles import Role
from kith.jobs import watchdog
from kith.jobs.models import WorkerSeen
from kith.test import make_person, signed_in_client
from kith.web.logs import JsonLines


class HealthTests:
    def test_the_migrations_are_read_once_they_are_all_applied(self, db, monkeypatch):
        monkeypatch.setattr("kith.web.health._migrated", False)
        assert Client().get("/healthz").status_code == 200
        monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["one"])
        assert Client().get("/healthz").status_code == 200  # not read again

    def test_it_says_ok_without_signing_in_and_nothing_else(self, db):
        page = Client().get("/healthz")
        assert page.status_code == 200
        assert page.content == b"ok\n"
        assert page["Content-Type"].startswith("text/plain")
        assert "no-cache" in page["Cache-Control"]

    def test_unapplied_migrations_make_it_unavailable(self, db, monkeypatch):
        monkeypatch.setattr("kith.web.health._migrated", False)
        monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["one"])
        page = Client().get("/healthz")
        assert (page.status_code, page.content) == (503, b"unavailable\n")

    def test_a_database_that_does_not_answer_makes_it_unavailable(self, db, monkeypatch):
        def refuse(*args, **kwargs):
            raise DatabaseError("connection refused")

        with monkeypatch.context() as patched:  # undone before the test database is
            patched.setattr("kith.web.health.connection.cursor", refuse)
            assert Client().get("/healthz").status_code == 503

    def test_with_a_job_queue_it_is_unavailable_until_a_worker_is_seen(self, db, settings):
        settings.KITH_JOBS_AT_ONCE = False
        assert Client().get("/healthz").status_code == 503
        watchdog.beat()
        assert Client().get("/healthz").status_code == 200
        seen = timezone.now() - watchdog.WORKER_GONE_AFTER - timedelta(seconds=1)
        WorkerSeen.objects.update(seen_at=seen)
        assert Client().get("/healthz").status_code == 503


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.INFO, logger="kith.requests")

    def lines():
        formatter = JsonLines()
        return [
            json.loads(formatter.format(r)) for r in caplog.records if r.name == "kith.requests"
        ]

    return lines


class RequestLogTests:
    def test_every_request_is_one_json_line_with_its_id_user_status_and_time(self, persona, logged):
        worker = persona[Role.SOCIAL_WORKER]
        page = signed_in_client(worker).get("/people/")
        line = logged()[-1]
        assert line["request_id"] == page["X-Request-ID"]
        assert line["user_id"] == worker.pk
        assert line["status"] == 200
        assert line["page"] == "people:find"
        assert isinstance(line["duration_ms"], float)

    def test_a_proxy_s_request_id_is_kept_if_it_looks_like_one(self, db, logged):
        Client().get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789abcdef")
        Client().get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
        kept, replaced = logged()[-2:]
        assert kept["request_id"] == "lb-0123456789abcdef"
        assert "script" not in replaced["request_id"]
        assert kept["user_id"] is None

    def test_a_child_s_name_typed_into_a_search_is_never_logged(self, persona, logged):
        make_person(first_name="Zephyrine", family_name="Quillfeather")
        signed_in_client(persona[Role.SOCIAL_WORKER]).get("/people/", {"q": "zephyrine"})
        person = make_person(first_name="Marigold", family_name="Quillfeather")
        signed_in_client(persona[Role.SOCIAL_WORKER]).get(f"/people/{person.pk}/")
        text = "\n".join(json.dumps(line) for line in logged())
        assert "zephyrine" not in text.lower()
        assert "quillfeather" not in text.lower()
        assert "marigold" not in text.lower()
