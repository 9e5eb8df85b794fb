"""Jobs: started, run once, told how far they have got, failed in words; put right when the
worker running them died; the daily jobs started once a day; and the jobs page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.jobs import kinds, queue, watchdog
from kith.jobs.kinds import Kind
from kith.jobs.models import Job, JobStatus, WorkerSeen
from kith.jobs.processes import _started, process_gone, this_process
from kith.test import page_text, signed_in_client

pytestmark = pytest.mark.django_db
HOST = socket.gethostname()
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def kind(monkeypatch):
    """A kind of job of the test's own, counting its runs; `fails` makes it raise."""
    ran = SimpleNamespace(times=0, fails=False, given_up=[])

    def run(job):
        ran.times += 1
        job.tell(3, 4)
        if ran.fails:
            raise OSError("No space left on device")
        return "Did it."

    made = Kind("test", "Testing the queue", run=run, given_up=ran.given_up.append)
    monkeypatch.setitem(kinds.KINDS, "test", made)
    ran.kind = made
    return ran


@pytest.fixture
def ended():
    """A process on this host that has ended, as a job records its worker."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    started = _started(child.pid)
    child.kill()
    child.wait()
    return SimpleNamespace(pid=child.pid, process=f"{HOST} {child.pid} {started}")


def a_running_job(*, worker: str, beat_ago: timedelta = timedelta(0), **fields) -> Job:
    at = timezone.now() - beat_ago
    fields.setdefault("attempts", 1)
    return Job.objects.create(
        kind="test",
        status=JobStatus.RUNNING,
        worker=worker,
        started_at=at,
        heartbeat_at=at,
        **fields,
    )


class RunningTests:
    def test_a_job_started_is_run_and_says_what_it_did(self, kind, persona):
        job = queue.start("test", by=persona[Role.DATA_OFFICER], year=2026)
        assert (job.status, job.outcome, job.attempts) == (JobStatus.DONE, "Did it.", 1)
        assert job.args == {"year": 2026} and job.worker == this_process()
        assert (job.done, job.total, job.percent) == (3, 4, 100)
        assert (
            job.started_at and job.finished_at and kinds.label_of(job.kind) == "Testing the queue"
        )

    def test_an_unknown_kind_cannot_be_started(self):
        with pytest.raises(ValueError):
            queue.start("no such job")

    def test_a_job_queued_twice_runs_once(self, kind):
        job = queue.start("test")
        queue.perform(job.pk)
        assert kind.times == 1

    def test_a_job_that_fails_says_so_in_words_and_tells_its_kind(self, kind):
        kind.fails = True
        job = queue.start("test")
        assert job.status == JobStatus.FAILED
        assert job.problem == queue.FAILED
        assert "No space" not in job.problem  # the details go to the log, not the page
        assert [j.pk for j in kind.given_up] == [job.pk]

    def test_a_job_of_a_kind_no_longer_known_fails_in_words(self):
        job = Job.objects.create(kind="gone")
        queue.perform(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED and job.problem == queue.FAILED

    def test_telling_progress_is_a_sign_of_life(self, kind):
        job = a_running_job(worker=this_process(), beat_ago=timedelta(minutes=1))
        job.tell(5, 10)
        job.refresh_from_db()
        assert (job.done, job.total, job.percent) == (5, 10, 50)
        assert job.heartbeat_at > timezone.now() - timedelta(seconds=5)
        job.tell(6)
        job.refresh_from_db()
        assert (job.done, job.total) == (6, 10)


class WatchdogTests:
    def test_a_beat_marks_the_worker_and_its_running_job_alive(self):
        mine = a_running_job(worker=this_process(), beat_ago=timedelta(minutes=1))
        other = a_running_job(worker="another-server 1 1", beat_ago=timedelta(minutes=1))
        watchdog.beat()
        watchdog.beat()
        assert WorkerSeen.objects.get().worker == this_process()
        mine.refresh_from_db()
        other.refresh_from_db()
        assert mine.heartbeat_at > timezone.now() - timedelta(seconds=5)
        assert other.heartbeat_at < timezone.now() - timedelta(seconds=50)
        assert watchdog.a_worker_is_alive()
        later = timezone.now() + watchdog.WORKER_GONE_AFTER + timedelta(seconds=1)
        assert not watchdog.a_worker_is_alive(later)

    def test_a_job_is_cut_short_when_its_beat_stops_or_its_worker_has_gone(self, kind, ended):
        now = timezone.now()
        just = watchdog.STALE_AFTER - timedelta(seconds=5)
        over = watchdog.STALE_AFTER + timedelta(seconds=1)
        assert not watchdog.cut_short(a_running_job(worker=this_process(), beat_ago=just), now)
        assert watchdog.cut_short(a_running_job(worker=this_process(), beat_ago=over), now)
        assert watchdog.cut_short(a_running_job(worker=ended.process), now)
        # On another server only the heartbeat can tell.
        assert not watchdog.cut_short(a_running_job(worker="another 1 1", beat_ago=just), now)
        done = a_running_job(worker=ended.process, beat_ago=over)
        done.status = JobStatus.DONE
        assert not watchdog.cut_short(done, now)

    def test_a_job_cut_short_is_run_again(self, kind, ended):
        job = a_running_job(worker=ended.process)
        assert watchdog.put_right() == 1
        job.refresh_from_db()
        assert (job.status, job.attempts, kind.times) == (JobStatus.DONE, 2, 1)
        assert watchdog.put_right() == 0

    def test_a_job_cut_short_too_often_is_failed_and_its_kind_told(self, kind, ended):
        job = a_running_job(worker=ended.process, attempts=watchdog.MOST_ATTEMPTS)
        assert watchdog.put_right() == 1
        job.refresh_from_db()
        assert (job.status, job.problem, kind.times) == (JobStatus.FAILED, watchdog.CUT_SHORT, 0)
        assert [j.pk for j in kind.given_up] == [job.pk]

    def test_a_job_that_cannot_start_over_is_failed_at_once(self, kind, ended, monkeypatch):
        once = Kind("test", "Once only", run=kind.kind.run, again_if_cut_short=False)
        monkeypatch.setitem(kinds.KINDS, "test", once)
        job = a_running_job(worker=ended.process)
        watchdog.put_right()
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED and kind.times == 0

    def test_a_job_alive_on_this_worker_is_left_alone(self, kind):
        job = a_running_job(worker=this_process())
        assert watchdog.put_right() == 0
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING


class ScheduleTests:
    @pytest.fixture
    def daily(self, kind, monkeypatch):
        made = Kind("test", "Nightly test", run=kind.kind.run, every_day_at=time(1, 30))
        monkeypatch.setitem(kinds.KINDS, "test", made)
        for other in [k for k in kinds.KINDS if k != "test"]:
            monkeypatch.delitem(kinds.KINDS, other)
        return made

    def test_a_daily_job_starts_once_its_time_has_come_and_once_a_day(self, daily, kind):
        before = datetime(2026, 11, 30, 1, 29, tzinfo=LONDON)
        assert watchdog.start_scheduled(before) == []
        started = watchdog.start_scheduled(before + timedelta(minutes=1))
        assert [j.scheduled_for.isoformat() for j in started] == ["2026-11-30"]
        assert kind.times == 1 and started[0].started_by is None
        assert watchdog.start_scheduled(before + timedelta(hours=12)) == []
        assert len(watchdog.start_scheduled(before + timedelta(days=1, minutes=1))) == 1

    def test_a_worker_that_was_down_at_the_time_starts_it_when_it_comes_back(self, daily):
        assert len(watchdog.start_scheduled(datetime(2026, 11, 30, 9, 0, tzinfo=LONDON))) == 1

    def test_two_workers_never_both_start_it(self, daily, kind, monkeypatch):
        at = datetime(2026, 11, 30, 2, 0, tzinfo=LONDON)
        Job.objects.create(kind="test", scheduled_for=at.date(), status=JobStatus.DONE)
        monkeypatch.setattr(Job.objects, "filter", lambda **kw: Job.objects.none())
        assert watchdog.start_scheduled(at) == []  # the database's constraint refuses it
        assert kind.times == 0

    def test_a_daily_job_switched_off_is_not_started(self, kind, monkeypatch):
        off = Kind("test", "Off", run=kind.kind.run, every_day_at=time(0), only_if=lambda: False)
        monkeypatch.setattr(kinds, "KINDS", {"test": off})
        monkeypatch.setattr(watchdog, "KINDS", kinds.KINDS)
        assert watchdog.start_scheduled() == []

    def test_the_nightly_deadlines_and_the_morning_feed_are_scheduled(self):
        assert kinds.KINDS["deadlines"].every_day_at == time(1, 30)
        assert kinds.KINDS["data feed"].every_day_at == time(6, 0)


class ProcessTests:
    def test_this_process_is_there(self):
        assert not process_gone(this_process())

    def test_an_ended_process_is_gone(self, ended):
        assert process_gone(ended.process)

    def test_a_process_that_now_has_another_s_id_is_gone(self):
        # After a restart, a new process often has the id an old one had: its start differs.
        assert process_gone(f"{HOST} {os.getpid()} 1")

    def test_without_a_start_time_the_id_alone_is_looked_for(self, ended):
        assert process_gone(f"{HOST} {ended.pid} ")
        assert not process_gone(f"{HOST} {os.getpid()} ")

    def test_another_server_s_process_or_none_cannot_be_judged(self):
        assert not process_gone("another-server 1 1")
        assert not process_gone("")


class PageTests:
    def test_administrators_see_workers_and_jobs_and_are_warned_when_none_runs(self, persona, kind):
        admin = signed_in_client(persona[Role.ADMINISTRATOR])
        kind.fails = True
        queue.start("test", by=persona[Role.DATA_OFFICER])
        page = page_text(admin.get(reverse("jobs:jobs")))
        assert "No worker has been seen in the last minute" in page
        assert "Testing the queue" in page and "Failed" in page and "server's log" in page
        watchdog.beat()
        page = page_text(admin.get(reverse("jobs:jobs")))
        assert "No worker has been seen" not in page and this_process() in page
        assert "Bringing every open case's deadlines up to date, every day from 01:30" in page

    def test_a_daily_job_can_be_run_now(self, persona):
        admin = signed_in_client(persona[Role.ADMINISTRATOR])
        url = reverse("jobs:run_now", args=["deadlines"])
        assert admin.get(url)["Location"] == reverse("jobs:jobs")
        assert not Job.objects.exists()
        response = admin.post(url)
        assert response["Location"] == reverse("jobs:jobs")
        job = Job.objects.get()
        assert (job.kind, job.status, job.started_by) == (
            "deadlines",
            JobStatus.DONE,
            persona[Role.ADMINISTRATOR],
        )

    def test_a_daily_job_switched_off_cannot_be_run_now(self, persona, settings):
        settings.KITH_CSC_FEED_URL = ""
        admin = signed_in_client(persona[Role.ADMINISTRATOR])
        assert "Sending the DfE data feed: switched off here" in page_text(
            admin.get(reverse("jobs:jobs"))
        )
        response = admin.post(reverse("jobs:run_now", args=["data feed"]), follow=True)
        assert "Not started: sending the dfe data feed is switched off here" in page_text(response)
        assert not Job.objects.exists()

    def test_only_daily_jobs_can_be_run_from_the_page(self, persona):
        admin = signed_in_client(persona[Role.ADMINISTRATOR])
        assert admin.post(reverse("jobs:run_now", args=["cin census"])).status_code == 404
        assert admin.post(reverse("jobs:run_now", args=["nothing"])).status_code == 404
        assert not Job.objects.exists()


class RaceTests:
    def test_a_job_finished_meanwhile_is_never_failed_after(self, kind):
        job = queue.start("test")
        assert not queue.give_up(job, watchdog.CUT_SHORT, worker=job.worker)
        job.refresh_from_db()
        assert job.status == JobStatus.DONE and kind.given_up == []

    def test_a_job_taken_over_by_a_watchdog_is_not_marked_done_by_the_old_worker(self, kind):
        def taken_over(job):
            Job.objects.filter(pk=job.pk).update(worker="another-server 1 1")
            return "Did it."

        monkeypatched = Kind("test", "Taken over", run=taken_over)
        kinds.KINDS["test"] = monkeypatched
        job = queue.start("test")
        assert job.status == JobStatus.RUNNING  # the new worker's to finish

    def test_a_waiting_job_with_nothing_on_the_queue_is_queued_again(self, kind, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        from django_tasks_db.models import DBTaskResult

        long_ago = timezone.now() - watchdog.STALE_AFTER - timedelta(seconds=1)
        lost = Job.objects.create(kind="test", queued_at=long_ago)
        queued = queue.start("test")
        Job.objects.filter(pk=queued.pk).update(queued_at=long_ago)
        assert watchdog.put_right() == 1  # the lost one; the other is still on the queue
        assert DBTaskResult.objects.filter(args_kwargs__args=[lost.pk]).count() == 1
        assert DBTaskResult.objects.filter(args_kwargs__args=[queued.pk]).count() == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as it would
def test_the_worker_waits_for_a_database_out_of_reach_and_carries_on(monkeypatch):
    from django.core.management import call_command
    from django.db import OperationalError

    from kith.jobs.management.commands import run_worker

    tries: list[int] = []

    def run(self):  # type: ignore[no-untyped-def]
        tries.append(1)
        if len(tries) == 1:
            raise OperationalError("could not connect to server")

    monkeypatch.setattr(run_worker.Worker, "run", run)
    monkeypatch.setattr(run_worker.Worker, "configure_signals", lambda self: None)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    call_command("run_worker", "--until-empty")
    assert len(tries) == 2
