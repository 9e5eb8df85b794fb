"""A census run cut short by a restart does not stay "being made" for ever: a run whose heartbeat
has stopped, or whose process has gone, is marked failed when a returns page is opened, says
why, and the data officer makes it again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.returns import runs
from kith.returns.models import ReturnRun, RunStatus
from kith.returns.tests.test_pages import _child
from kith.test import make_case, page_text, signed_in_client

HOST = socket.gethostname()
STOPPED = "stopped before it finished"


@pytest.fixture
def ended():
    """A process on this host that has ended, recorded as a run records its process."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    started = runs._started(child.pid)
    child.kill()
    child.wait()
    return SimpleNamespace(pid=child.pid, process=f"{HOST} {child.pid} {started}")


@pytest.fixture
def officer(persona):
    return SimpleNamespace(
        user=persona[Role.DATA_OFFICER], client=signed_in_client(persona[Role.DATA_OFFICER])
    )


def a_run(officer, *, beat_ago: timedelta = timedelta(0), **fields) -> ReturnRun:
    fields.setdefault("process", runs.this_process())
    return ReturnRun.objects.create(
        year=2026,
        started_by=officer.user,
        started_at=timezone.now() - beat_ago,
        heartbeat_at=timezone.now() - beat_ago,
        total=400,
        done=100,
        **fields,
    )


class WhenARunHasStoppedTests:
    def test_a_run_whose_heartbeat_stopped_is_failed_when_the_returns_page_opens(self, officer):
        stale = a_run(officer, beat_ago=runs.STALE_AFTER + timedelta(seconds=1))
        alive = a_run(officer, beat_ago=runs.STALE_AFTER - timedelta(seconds=5))
        page = page_text(officer.client.get(reverse("returns:returns")))
        stale.refresh_from_db()
        alive.refresh_from_db()
        assert (stale.status, alive.status) == (RunStatus.FAILED, RunStatus.RUNNING)
        assert STOPPED in stale.problem and stale.finished_at is not None
        assert "Failed" in page and "Being made" in page

    def test_a_run_whose_process_has_gone_is_failed_at_its_next_poll(self, officer, ended):
        run = a_run(officer, process=ended.process)
        url = reverse("returns:run", args=[run.pk])
        fragment = page_text(officer.client.get(f"{url}?poll=1", headers={"HX-Request": "true"}))
        assert "The file was not made" in fragment and STOPPED in fragment
        assert "hx-get" not in fragment  # the page stops asking
        assert "Make the file again" in fragment
        run.refresh_from_db()
        assert run.status == RunStatus.FAILED

    def test_a_run_being_made_by_this_process_carries_on(self, officer):
        run = a_run(officer)
        page = page_text(officer.client.get(reverse("returns:run", args=[run.pk])))
        assert "100 of 400 children looked at" in page and STOPPED not in page
        run.refresh_from_db()
        assert run.status == RunStatus.RUNNING

    def test_a_run_on_another_server_is_judged_by_its_heartbeat_alone(self, officer):
        recent = a_run(officer, process="another-server 4242 12345", beat_ago=timedelta(minutes=4))
        silent = a_run(officer, process="another-server 4242 12345", beat_ago=timedelta(minutes=6))
        assert runs.fail_stopped() == 1
        recent.refresh_from_db()
        silent.refresh_from_db()
        assert (recent.status, silent.status) == (RunStatus.RUNNING, RunStatus.FAILED)

    def test_a_finished_run_is_left_alone(self, officer, ended):
        done = a_run(officer, process=ended.process, beat_ago=timedelta(days=1))
        ReturnRun.objects.filter(pk=done.pk).update(status=RunStatus.DONE)
        assert runs.fail_stopped() == 0
        done.refresh_from_db()
        assert done.status == RunStatus.DONE and done.problem == ""

    def test_the_data_officer_makes_it_again_from_the_failed_run(self, officer, persona, ended):
        make_case(
            _child(),
            worker=persona[Role.SOCIAL_WORKER],
            referral_date=date(2025, 5, 1),
            primary_need="N1",
        )
        stopped = a_run(officer, process=ended.process)
        page = page_text(officer.client.get(reverse("returns:run", args=[stopped.pk])))
        assert f'<input type="hidden" name="year" value="{stopped.year}">' in page
        response = officer.client.post(reverse("returns:returns"), {"year": str(stopped.year)})
        again = ReturnRun.objects.exclude(pk=stopped.pk).get()
        assert response["Location"] == reverse("returns:run", args=[again.pk])
        assert (again.status, again.children) == (RunStatus.DONE, 1)


class ProcessTests:
    def test_this_process_is_there(self):
        assert not runs.process_gone(runs.this_process())

    def test_an_ended_process_is_gone(self, ended):
        assert runs.process_gone(ended.process)

    def test_a_process_that_now_has_another_s_id_is_gone(self):
        # After a restart, a new process often has the id an old one had: its start differs.
        assert runs.process_gone(f"{HOST} {os.getpid()} 1")

    def test_without_a_start_time_the_id_alone_is_looked_for(self, ended):
        assert runs.process_gone(f"{HOST} {ended.pid} ")
        assert not runs.process_gone(f"{HOST} {os.getpid()} ")

    def test_another_server_s_process_or_none_cannot_be_judged(self):
        assert not runs.process_gone("another-server 1 1")
        assert not runs.process_gone("")


class HeartbeatTests:
    def test_making_the_file_beats_as_it_goes(self, officer, persona, monkeypatch):
        make_case(
            _child(),
            worker=persona[Role.SOCIAL_WORKER],
            referral_date=date(2025, 5, 1),
            primary_need="N1",
        )
        run = a_run(officer, beat_ago=timedelta(minutes=4), process="")
        beats = []
        write = runs.write_cin_census

        def watched(year, out, progress):
            def told(done):
                progress(done)
                beats.append(ReturnRun.objects.get(pk=run.pk).heartbeat_at)

            return write(year, out, told)

        monkeypatch.setattr(runs, "write_cin_census", watched)
        runs.make(run.pk)
        run.refresh_from_db()
        assert run.status == RunStatus.DONE and run.process == runs.this_process()
        assert beats and all(at > run.started_at + timedelta(minutes=3) for at in beats)

    def test_a_beat_touches_only_a_run_still_being_made(self, officer):
        running = a_run(officer, beat_ago=timedelta(minutes=4))
        done = a_run(officer, beat_ago=timedelta(minutes=4), status=RunStatus.DONE)
        runs.beat(running.pk)
        runs.beat(done.pk)
        running.refresh_from_db()
        done.refresh_from_db()
        assert running.heartbeat_at > timezone.now() - timedelta(seconds=5)
        assert done.heartbeat_at < timezone.now() - timedelta(minutes=3)


@pytest.mark.django_db(transaction=True)
def test_a_run_in_the_background_beats_while_the_validator_checks_it(persona, monkeypatch):
    """The validator can take half an hour and says nothing meanwhile: a heartbeat of its own
    keeps the run alive until the making ends, then stops. A beat the database refuses (busy)
    is missed, not the end of the heartbeat."""
    monkeypatch.setattr(runs, "BEAT_SECONDS", 0.02)
    checking = threading.Event()
    monkeypatch.setattr(runs, "make", lambda pk: checking.wait(10))
    beats = []
    beat = runs.beat

    def busy_at_first(pk):
        beats.append(pk)
        if len(beats) == 1:
            raise OperationalError("database is locked")
        beat(pk)

    monkeypatch.setattr(runs, "beat", busy_at_first)
    officer = SimpleNamespace(user=persona[Role.DATA_OFFICER])
    run = a_run(officer, beat_ago=timedelta(minutes=4))
    runs._in_background(run.pk)
    deadline = time.monotonic() + 10
    while run.heartbeat_at < timezone.now() - timedelta(minutes=1):
        assert time.monotonic() < deadline, "no heartbeat from the background"
        time.sleep(0.02)
        run.refresh_from_db()
    checking.set()
    assert len(beats) >= 2
    for thread in threading.enumerate():
        if thread.name.startswith(f"return-{run.pk}"):
            thread.join(5)
            assert not thread.is_alive()
