"""python manage.py run_worker [--until-empty]"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
)
from django_tasks_db.management.commands.db_worker import Worker

from kith.jobs import watchdog
from kith.jobs.processes import this_process

log = logging.getLogger("kith.jobs")
# How long to wait before trying again when the database cannot be reached.
RETRY_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Run Kith's jobs (returns, the data feed, the nightly deadlines, subject access "
        "bundles) as they are queued, and its daily jobs when they are due. bin/start and "
        "bin/serve run one beside the web server; run more for more at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--until-empty",
            action="store_true",
            help="Run the jobs waiting now, then stop (for scripts and tests).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        until_empty = options["until_empty"]
        worker = Worker(
            queue_names=["default"],
            interval=1,
            batch=until_empty,
            backend_name="default",
            startup_delay=not until_empty,
            max_tasks=None,
            worker_id=this_process().replace(" ", "-")[:64],
            excluded_queue_names=[],
        )
        stop = threading.Event()
        keeper = threading.Thread(target=keep_house, args=(stop,), name="jobs-watchdog")
        keeper.daemon = True
        keeper.start()
        worker.configure_signals()
        try:
            # A database that cannot be reached (restarting, a network blip) stops no worker:
            # it waits and tries again, as the web server's pages do.
            while True:
                try:
                    keep_house_once()
                    worker.run()
                    return
                except (OperationalError, InterfaceError):
                    log.warning("The job worker cannot reach the database; trying again soon")
                    connection.close()
                    time.sleep(RETRY_SECONDS)
        finally:
            stop.set()


def keep_house(stop: threading.Event) -> None:
    """Every few seconds, in its own thread (a job can run for half an hour): say this worker
    and its job are alive, put right jobs a dead worker left, start daily jobs that are due.
    Nothing stops it but the worker stopping: a missed round is logged, the next one counts."""
    while not stop.wait(watchdog.BEAT_SECONDS):
        try:
            close_old_connections()
            keep_house_once()
        except DatabaseError:
            log.warning("The job worker's watchdog could not reach the database")
            connection.close()
        except Exception:
            log.exception("The job worker's watchdog failed a round")
    connection.close()


def keep_house_once() -> None:
    watchdog.beat()
    watchdog.put_right()
    watchdog.start_scheduled()
