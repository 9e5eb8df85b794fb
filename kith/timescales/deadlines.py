"""Deadlines, derived from a case's records each time one is saved.

The apps whose records set deadlines off produce them (recording for the assessment,
protection for conferences, core groups and visits; timescales/apps.py lists them).
`refresh(case_ids)` asks each producer what deadlines the records call for now and brings the
stored ones into line: new ones are added, open ones follow their record (a corrected date, a
plan's new visit frequency), done ones keep the dates they were done against, and ones whose
reason went away (or whose record was corrected so that another deadline replaces them) are
marked no longer needed, never deleted. Refreshing is idempotent, so any save may call it.

A local rule changed by the authority reaches new deadlines only, because a plan keeps the
local timescales it started with (protection.models.ProtectionPlan) and producers read those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, time

from django.utils import timezone

from kith.cases.models import Case
from kith.jobs.kinds import Kind
from kith.jobs.models import Job
from kith.lib.timescales import Wanted
from kith.timescales.models import Deadline

Producer = Callable[[Sequence[int]], Iterable[Wanted]]
PRODUCERS: list[Producer] = []


def register(producer: Producer) -> None:
    if producer not in PRODUCERS:
        PRODUCERS.append(producer)


def refresh(case_ids: Sequence[int], today: date | None = None) -> None:
    """Bring the stored deadlines of these cases into line with their records."""
    today = today or timezone.localdate()
    ids = list(case_ids)
    if not ids:
        return
    wanted = {(w.case_id, w.rule, w.about): w for p in PRODUCERS for w in p(ids)}
    stored = {(d.case_id, d.rule, d.about): d for d in Deadline.objects.filter(case_id__in=ids)}
    new, changed = [], []
    for key, w in wanted.items():
        d = stored.get(key)
        if d is None:
            new.append(
                Deadline(
                    case_id=w.case_id,
                    rule=w.rule,
                    about=w.about,
                    what=w.what,
                    started_on=w.started_on,
                    due_on=w.due_on,
                    done_on=w.done_on,
                )
            )
            continue
        before = (d.started_on, d.due_on, d.done_on, d.withdrawn_on, d.what)
        if d.done_on is None or w.done_on is None:
            d.started_on, d.due_on = w.started_on, w.due_on
        d.done_on, d.withdrawn_on, d.what = w.done_on, None, w.what
        if before != (d.started_on, d.due_on, d.done_on, d.withdrawn_on, d.what):
            changed.append(d)
    for key, d in stored.items():
        # Its reason went away, or the record it hung on was corrected (a visit's date): it
        # no longer counts, done or not.
        if key not in wanted and d.withdrawn_on is None:
            d.withdrawn_on = today
            changed.append(d)
    Deadline.objects.bulk_create(new, batch_size=1000)
    Deadline.objects.bulk_update(
        changed, ["started_on", "due_on", "done_on", "withdrawn_on", "what"], batch_size=1000
    )


def refresh_case(case: object) -> None:
    """The listener registered with cases.changes: one case changed."""
    refresh([case.pk])  # type: ignore[attr-defined]


NIGHTLY = "deadlines"
BATCH = 500


def refresh_open_cases(job: Job) -> str:
    """The nightly job: every open case's deadlines brought into line with its records as
    they are read today. A save already does this for its own case; the night catches what
    changes with no save at all: a new year's bank holidays published, a rule's wording."""
    ids = list(
        Case.objects.filter(closed_on__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    job.tell(0, len(ids))
    for start in range(0, len(ids), BATCH):
        refresh(ids[start : start + BATCH])
        job.tell(min(start + BATCH, len(ids)))
    return f"The deadlines of {len(ids):,} open cases brought up to date."


NIGHTLY_KIND = Kind(
    NIGHTLY,
    "Bringing every open case's deadlines up to date",
    run=refresh_open_cases,
    every_day_at=time(1, 30),
)
