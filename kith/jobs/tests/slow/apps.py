"""A kind of job for the worker tests alone (kith/jobs/tests/worker_settings.py installs it):
it writes down each attempt, then waits to be let go, so a test can kill the worker mid-job."""

import time
from pathlib import Path

from django.apps import AppConfig


def wait_to_be_let_go(job) -> str:  # type: ignore[no-untyped-def]
    folder = Path(job.args["folder"])
    with open(folder / "attempts", "a") as attempts:
        attempts.write(f"{job.attempts}\n")
    for done in range(600):
        if (folder / "go").exists():
            return "Let go."
        job.tell(done, 600)
        time.sleep(0.05)
    raise TimeoutError("never let go")


class SlowJobConfig(AppConfig):
    name = "kith.jobs.tests.slow"
    label = "slow_test_job"

    def ready(self) -> None:
        from kith.jobs.kinds import Kind, register

        register(Kind("slow test", "Waiting to be let go", run=wait_to_be_let_go))
