"""The real worker, in its own process, on a database of its own: a job queued by one process
is run by the worker; a worker killed in the middle of a job (kill -9, as an out-of-memory kill
or a power cut would) leaves the job to the next worker, which runs it again to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kith.web.tests.live import wait_for

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def kith(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KITH_", "DJANGO_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'kith.sqlite3'}",
        DJANGO_SETTINGS_MODULE="kith.jobs.tests.worker_settings",
        KITH_SECRET_KEY="kith-tests-only-not-a-real-secret",
        KITH_MEDIA_ROOT=str(tmp_path / "media"),
        KITH_JOBS_AT_ONCE="false",
    )

    def manage(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done

    def worker() -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def job() -> str:
        return manage(
            "shell",
            "--no-imports",
            "-c",
            'from kith.jobs.models import Job; j = Job.objects.get(kind="slow test"); '
            "print(j.status, j.attempts, j.outcome or j.problem)",
        ).stdout.strip()

    manage("migrate", "--noinput", "-v0")
    return manage, worker, job


def test_a_job_cut_short_by_a_killed_worker_is_run_again_by_the_next(kith, tmp_path):
    manage, worker, job = kith
    attempts = tmp_path / "attempts"
    manage(
        "shell",
        "--no-imports",
        "-c",
        f"from kith.jobs.queue import start; start('slow test', folder='{tmp_path}')",
    )
    assert job() == "waiting 0"  # queued, and nothing runs it yet
    first = worker()
    try:
        wait_for(lambda: attempts.exists())
        assert job().startswith("running 1")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert job().startswith("running 1")  # as the dead worker left it
    second = worker()
    try:
        # The new worker finds the job's worker gone, and runs it again from the start.
        wait_for(lambda: attempts.read_text() == "1\n2\n")
        (tmp_path / "go").touch()
        wait_for(lambda: job().startswith("done"))
        assert job() == "done 2 Let go."
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert second.returncode == 0  # a worker asked to stop between jobs stops cleanly
