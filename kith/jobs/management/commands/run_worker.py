"""python manage.py run_worker [--until-empty]"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Worker

from kith.jobs import watchdog

log = logging.getLogger("kith.jobs")


class Command(BaseCommand):
    help = (
        "Run Kith's jobs (returns, the data feed, the nightly deadlines) as they are queued, "
        "and its daily jobs when they are due. bin/start and bin/serve run one beside the "
        "web server; run more for more at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--until-empty",
            action="store_true",
            help="Run the jobs waiting now, then stop (for scripts and tests).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        watchdog.beat()
        housekeeping()
        worker = Worker(
            queue_names=["default"],
            interval=1,
            batch=options["until_empty"],
            backend_name="default",
            startup_delay=not options["until_empty"],
            max_tasks=None,
            worker_id=watchdog.this_process().replace(" ", "-")[:64],
            excluded_queue_names=[],
        )
        stop = threading.Event()
        keeper = threading.Thread(target=keep_house, args=(stop,), name="jobs-watchdog")
        keeper.daemon = True
        keeper.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()


def keep_house(stop: threading.Event) -> None:
    """Every few seconds, in its own thread (a job can run for half an hour): say this worker
    and its job are alive, put right jobs a dead worker left, start daily jobs that are due."""
    while not stop.wait(watchdog.BEAT_SECONDS):
        try:
            close_old_connections()
            watchdog.beat()
            housekeeping()
        except DatabaseError:  # busy or dropped: one missed beat, the next one counts
            log.warning("The worker's watchdog could not reach the database", exc_info=True)
            connection.close()
    connection.close()


def housekeeping() -> None:
    watchdog.put_right()
    watchdog.start_scheduled()
