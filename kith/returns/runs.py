"""Making a return file in the background while its page shows how far it has got."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.returns import validator
from kith.returns.census import CollectionYear, count_in
from kith.returns.exports import write_cin_census
from kith.returns.models import ReturnRun, RunStatus


def start(year: CollectionYear, *, by: Any, check: bool, request: Any = None) -> ReturnRun:
    """Start making the year's CIN census file (and checking it, if asked and installed)."""
    run = ReturnRun.objects.create(
        year=year.year, started_by=by, check_with_validator=check and validator.available()
    )
    record(
        by=by,
        verb=Verb.RETURN_MADE,
        detail={"return": "cin census", "year": year.year, "run": run.pk},
        request=request,
    )
    if settings.KITH_RETURNS_IN_BACKGROUND:
        transaction.on_commit(lambda: _in_background(run.pk))
    else:
        make(run.pk)
        run.refresh_from_db()
    return run


def _in_background(pk: int) -> None:
    def work() -> None:
        try:
            make(pk)
        finally:
            connection.close()

    threading.Thread(target=work, name=f"return-{pk}", daemon=True).start()


def path_of(run: ReturnRun) -> Path:
    return Path(settings.MEDIA_ROOT) / run.file


def make(pk: int) -> None:
    run = ReturnRun.objects.get(pk=pk)
    year = CollectionYear(run.year)
    try:
        ReturnRun.objects.filter(pk=pk).update(total=count_in(year))
        run.file = f"returns/{run.pk}-{run.filename}"
        path = path_of(run)
        path.parent.mkdir(parents=True, exist_ok=True)

        def progress(done: int) -> None:
            ReturnRun.objects.filter(pk=pk).update(done=done)

        with open(path, "w", encoding="utf-8") as out:
            children = write_cin_census(year, out, progress)
        found = validator.run(path) if run.check_with_validator else None
        ReturnRun.objects.filter(pk=pk).update(
            file=run.file,
            children=children,
            validation=found,
            status=RunStatus.DONE,
            finished_at=timezone.now(),
        )
    except Exception as failure:  # the page says so; the details go to the log
        traceback.print_exc()
        ReturnRun.objects.filter(pk=pk).update(
            status=RunStatus.FAILED,
            problem=f"The file could not be made ({type(failure).__name__}). Try again, and "
            "tell your system administrator if it fails again.",
            finished_at=timezone.now(),
        )
