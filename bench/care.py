"""Children looked after at the scale of a large authority: the looked-after child's summary,
chronology and care page (latency percentiles and queries per page), for typical children and
for children with 30 or more placements; and the SSDA903 export (children a minute, peak Python
memory), at the authority's own size and with its looked-after children copied to a much larger
cohort, to show the memory stays flat.

    bin/with-postgres .venv/bin/python bench/care.py                    # 50,000 children
    .venv/bin/python bench/care.py --children 10000 --copies 5          # SQLite, quicker
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from _authority import build_authority, percentile, set_up_django


def many_placements(periods, count: int) -> None:  # type: ignore[no-untyped-def]
    """Give each period `count` more placements (and a review after each move), between its
    last placement and today: the children whose pages must stay quick however long the story."""
    from django.utils import timezone

    from kith.care.models import CareReview, Placement

    today = timezone.localdate()
    moves, reviews = [], []
    for period in periods:
        last = max(p.started_on for p in period.placements.all())
        step = max(1, (today - last).days // (count + 1))
        for i in range(1, count + 1):
            day = last + timedelta(days=step * i)
            moves.append(
                Placement(
                    period=period,
                    started_on=day,
                    kind="U6" if i % 3 else "K2",
                    provider="PR4",
                    carer=f"Carers {i}",
                    change_reason="CARPL",
                    recorded_by=period.recorded_by,
                )
            )
            reviews.append(
                CareReview(
                    period=period,
                    held_on=day,
                    chair=period.iro,
                    participation="PN1",
                    discussion="Reviewed after the move",
                    recorded_by=period.recorded_by,
                )
            )
    Placement.objects.bulk_create(moves, batch_size=2000)
    CareReview.objects.bulk_create(reviews, batch_size=2000)


def pages(client, child, period) -> dict[str, tuple[float, int]]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    found = {}
    for name, url in (
        ("summary", reverse("children:summary", args=[child])),
        ("chronology", reverse("children:chronology", args=[child])),
        ("care page", reverse("care:period", args=[period])),
    ):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        found[name] = (ms, len(captured))
    return found


def copy_cohort(copies: int) -> int:
    """Copy every looked-after child (person, case, period, legal statuses, placements,
    reviews, missing episodes) `copies` times: a cohort far larger than any authority's."""
    from django.db import transaction

    from kith.care.models import (
        CarePeriod,
        CareReview,
        LegalStatusChange,
        MissingEpisode,
        Placement,
    )
    from kith.cases.models import Case
    from kith.people.models import Person

    periods = list(
        CarePeriod.objects.select_related("child", "case").prefetch_related(
            "statuses", "placements", "reviews", "missing_episodes"
        )
    )
    made = 0
    with transaction.atomic():
        for _ in range(copies):
            people = Person.objects.bulk_create(
                [
                    Person(
                        first_name=p.child.first_name,
                        family_name=p.child.family_name,
                        date_of_birth=p.child.date_of_birth,
                        sex=p.child.sex,
                        ethnicity=p.child.ethnicity,
                    )
                    for p in periods
                ],
                batch_size=1000,
            )
            cases = Case.objects.bulk_create(
                [
                    Case(
                        child=person,
                        referral_date=p.case.referral_date,
                        referral_source=p.case.referral_source,
                        primary_need=p.case.primary_need,
                        team_id=p.case.team_id,
                        worker_id=p.case.worker_id,
                        opened_by_id=p.case.opened_by_id,
                        closed_on=p.case.closed_on,
                        closure_reason=p.case.closure_reason,
                    )
                    for p, person in zip(periods, people, strict=True)
                ],
                batch_size=1000,
            )
            copied = CarePeriod.objects.bulk_create(
                [
                    CarePeriod(
                        case=case,
                        child=case.child,
                        started_on=p.started_on,
                        need=p.need,
                        previous_permanence=p.previous_permanence,
                        unaccompanied=p.unaccompanied,
                        unaccompanied_until=p.unaccompanied_until,
                        iro_id=p.iro_id,
                        ended_on=p.ended_on,
                        end_reason=p.end_reason,
                        recorded_by_id=p.recorded_by_id,
                    )
                    for p, case in zip(periods, cases, strict=True)
                ],
                batch_size=1000,
            )
            rows: dict[type, list] = {
                LegalStatusChange: [],
                Placement: [],
                CareReview: [],
                MissingEpisode: [],
            }
            for original, period in zip(periods, copied, strict=True):
                for model, related in (
                    (LegalStatusChange, original.statuses.all()),
                    (Placement, original.placements.all()),
                    (CareReview, original.reviews.all()),
                    (MissingEpisode, original.missing_episodes.all()),
                ):
                    for row in related:
                        row.pk, row.period_id = None, period.pk
                        rows[model].append(row)
            for model, made_rows in rows.items():
                model.objects.bulk_create(made_rows, batch_size=2000)
            made += len(copied)
    return made


def export(year) -> tuple[dict[str, int], float, float]:  # type: ignore[no-untyped-def]
    from kith.returns.ssda903_files import write_ssda903

    folder = Path(tempfile.mkdtemp(prefix="kith-903-"))
    started = time.perf_counter()
    counts = write_ssda903(year, folder / "timed")
    seconds = time.perf_counter() - started
    tracemalloc.start()
    write_ssda903(year, folder / "traced")
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return counts, seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200, help="looked-after children to open")
    parser.add_argument("--long", type=int, default=20, help="children given 30+ placements")
    parser.add_argument("--copies", type=int, default=30, help="copies of the cohort to export")
    args = parser.parse_args()
    os.environ.setdefault("KITH_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault(
        "KITH_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("KITH_STATIC_FROM_SOURCE", "true")
    set_up_django()
    import logging

    logging.getLogger("kith.requests").setLevel(logging.WARNING)  # one line a page: too many
    _demo, built = build_authority(args.children, args.seed)

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from kith.care.models import CarePeriod
    from kith.returns.census import CollectionYear

    looked_after = list(
        CarePeriod.objects.filter(ended_on__isnull=True, case__worker__isnull=False)
        .select_related("case__worker", "iro")
        .prefetch_related("placements")
        .order_by("started_on", "pk")
    )
    print(f"Database: {connection.vendor}; authority built in {built:.0f} s")
    print(
        f"Authority: {args.children:,} children; {CarePeriod.objects.count():,} periods of care, "
        f"{len(looked_after):,} looked after now"
    )
    long_ones = [p for p in looked_after if p.iro_id][: args.long]
    many_placements(long_ones, 32)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rng = random.Random(args.seed)
    sample = rng.sample(looked_after, min(args.sample, len(looked_after)))
    for label, group in (("typical", sample), ("30+ placements", long_ones)):
        times: dict[str, list[float]] = {}
        queries: dict[str, set[int]] = {}
        for period in group:
            client = Client()
            client.force_login(period.case.worker)
            for _warm in range(2):  # the second look is the one measured
                found = pages(client, period.child_id, period.pk)
            for name, (ms, count) in found.items():
                times.setdefault(name, []).append(ms)
                queries.setdefault(name, set()).add(count)
        for name, values in times.items():
            print(
                f"{label:>15} {name:<11} n={len(values):>4}  p50 {percentile(values, 0.5):5.0f} ms"
                f"  p95 {percentile(values, 0.95):5.0f} ms  p99 {percentile(values, 0.99):5.0f} ms"
                f"  queries {min(queries[name])}–{max(queries[name])}"
            )

    year = CollectionYear.latest_complete(timezone.localdate())
    for label in ("the authority", f"copied {args.copies} times"):
        if label != "the authority":
            made = copy_cohort(args.copies)
            print(f"Copied the looked-after cohort: {made:,} more periods of care")
        counts, seconds, peak = export(year)
        children = counts["header"]
        print(
            f"SSDA903 {year.label}, {label}: {children:,} children, {counts['episodes']:,} "
            f"episodes in {seconds:.1f} s = {children / seconds * 60:,.0f} children a minute; "
            f"peak Python memory {peak:.1f} MiB"
        )


if __name__ == "__main__":
    main()
