"""Casework pages at the scale of a large authority: latency percentiles and queries per page
for the case page, a worker's caseload, the front door's contact list and a manager's list of
work to authorise; and how fast a visit is recorded end to end (form, action, versions, audit).

Builds an authority (default 50,000 children) into a fresh database with the demo generator,
then requests each page through Django's test client as the person who uses it.

    bin/with-postgres .venv/bin/python bench/casework.py
    .venv/bin/python bench/casework.py --children 10000        # SQLite, quicker
"""

from __future__ import annotations

import argparse
import os
import random
import time
import tracemalloc

from _authority import build_authority, percentile, set_up_django

LAST_SQL: dict[str, list[str]] = {}


def timed(client, url: str, repeat: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(repeat):
        connection.queries_log.clear()  # a full log (9,000 queries) would capture nothing
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(captured))
        LAST_SQL[url] = [q["sql"] for q in captured.captured_queries]
    return times, queries


def raw_sql(url: str, repeat: int = 30) -> list[float]:
    """The time the database itself takes to return the rows a page read: the page's own
    SELECT statements (as last run) sent straight through a cursor, no Django in between."""
    from django.db import connection

    statements = [s for s in LAST_SQL[url] if s.lstrip().upper().startswith("SELECT")]
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", type=int, default=200, help="case pages to open")
    args = parser.parse_args()
    os.environ.setdefault("KITH_ALLOWED_HOSTS", "testserver")  # Django's test client
    # Pages name their static files without needing collectstatic's manifest.
    os.environ.setdefault(
        "KITH_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("KITH_STATIC_FROM_SOURCE", "true")
    set_up_django()
    demo, seconds = build_authority(args.children, args.seed)

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from kith.accounts.models import User
    from kith.cases.models import Case
    from kith.recording.models import RecordVersion, Visit

    print(f"Database: {connection.vendor}")
    print(
        f"Authority: {args.children:,} children, {demo.counts.get('cases', 0):,} cases "
        f"({demo.counts.get('open cases', 0):,} open), {demo.counts.get('contacts', 0):,} "
        f"contacts, {demo.counts.get('records', 0):,} records; built in {seconds:.0f} s"
    )
    rng = random.Random(args.seed)
    worker = User.objects.get(username="social.worker")
    manager = User.objects.get(username="team.manager")
    front_door = User.objects.get(username="front.door")
    # Case pages are sampled across the whole authority: a data officer may open every record.
    officer = User.objects.get(username="data.officer")
    clients = {}
    for user in (worker, manager, front_door, officer):
        client = Client()
        client.force_login(user)
        clients[user.username] = client

    # Case pages: a random sample of all cases, the busiest ones included.
    case_ids = list(Case.objects.values_list("pk", flat=True))
    sample = rng.sample(case_ids, min(args.pages, len(case_ids)))
    busiest = list(
        Case.objects.order_by("-visits__id").values_list("pk", flat=True).distinct()[:10]
    )
    times: list[float] = []
    most_queries = 0
    for pk in sample + busiest:
        t, q = timed(clients["data.officer"], reverse("recording:case", args=[pk]), 1)
        times += t
        most_queries = max(most_queries, q)
    rows = [("Case page (data officer)", times, most_queries)]
    for label, user, name in [
        ("Caseload (social worker)", "social.worker", "cases:caseload"),
        ("Contacts (front door)", "front.door", "cases:contacts"),
        ("To authorise (team manager)", "team.manager", "recording:waiting"),
    ]:
        t, q = timed(clients[user], reverse(name), 30)
        rows.append((label, t, q))

    # A child with a long history: 2,000 case notes and 200 visits on one case.
    from kith.recording.models import CaseNote, Status

    long_case = Case.objects.filter(worker=worker, closed_on__isnull=True).first()
    assert long_case is not None
    CaseNote.objects.bulk_create(
        CaseNote(
            case=long_case,
            author=worker,
            status=Status.FINAL,
            note_kind="phone",
            happened_on_date=long_case.referral_date,
            text=f"Call number {i}",
        )
        for i in range(2000)
    )
    Visit.objects.bulk_create(
        Visit(
            case=long_case,
            author=worker,
            status=Status.FINAL,
            visited_on=long_case.referral_date,
            child_seen="yes",
            observations=f"Visit {i}",
        )
        for i in range(200)
    )
    child = long_case.child_id
    for label, user, url in [
        ("Summary (2,200-entry child)", "social.worker", reverse("children:summary", args=[child])),
        (
            "Chronology (2,200 entries)",
            "social.worker",
            reverse("children:chronology", args=[child]),
        ),
        (
            "Chronology, filtered",
            "social.worker",
            reverse("children:chronology", args=[child]) + "?kinds=visit&words=visit",
        ),
        ("My work (social worker)", "social.worker", reverse("accounts:home")),
        ("Team view (team manager)", "team.manager", reverse("accounts:team")),
    ]:
        t, q = timed(clients[user], url, 30)
        rows.append((label, t, q))

    print(f"\n{'page':<30} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, t, q in rows:
        print(
            f"{label:<30} {percentile(t, 0.5):>8.1f} {percentile(t, 0.95):>8.1f} "
            f"{max(t):>8.1f} {q:>8}"
        )

    print("\nThe same rows straight from the database (each page's SELECTs through a cursor):")
    for label, url, index in [
        ("Summary", reverse("children:summary", args=[child]), 4),
        ("Chronology", reverse("children:chronology", args=[child]), 5),
        ("My work", reverse("accounts:home"), 7),
    ]:
        raw = raw_sql(url)
        page_p50 = percentile(rows[index][1], 0.5)
        print(
            f"{label:<12} raw SQL p50 {percentile(raw, 0.5):6.1f} ms; "
            f"page p50 / raw SQL p50 = {page_p50 / percentile(raw, 0.5):.1f}"
        )

    # Recording visits through the page, as a worker would, one after another.
    open_cases = list(
        Case.objects.filter(worker=worker, closed_on__isnull=True).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    n = 200
    tracemalloc.start()
    started = time.perf_counter()
    for i in range(n):
        response = clients["social.worker"].post(
            reverse("recording:new", args=[open_cases[i % len(open_cases)], "visit"]),
            {
                "action": "submit",
                "visited_on_day": today.day,
                "visited_on_month": today.month,
                "visited_on_year": today.year,
                "child_seen": "yes",
                "seen_alone": "yes",
                "observations": "Benchmark visit",
            },
        )
        assert response.status_code == 302
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert Visit.objects.filter(observations="Benchmark visit").count() == n
    assert RecordVersion.objects.filter(kind="visit").count() >= n
    print(
        f"\nRecording a visit through its page: {n / elapsed:.0f} visits a second "
        f"({elapsed / n * 1000:.1f} ms each), peak Python memory {peak / 2**20:.1f} MiB"
    )

    # Marking entries of the long chronology significant, as a worker reviewing it would: each
    # mark reads its one record, not the 2,200 entries around it.
    from kith.children.chronology import chronology
    from kith.children.models import ChronologyMark
    from kith.people.models import Person

    entries = [e for e in chronology([Person.objects.get(pk=child)]) if e.source == "visit"]
    times = []
    for entry in entries[:100]:
        started = time.perf_counter()
        response = clients["social.worker"].post(
            reverse("children:mark", args=[child]),
            {"key": entry.key, "significant": "on", "analysis": "Benchmark mark", "seen": "0"},
        )
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302
    assert ChronologyMark.objects.filter(analysis="Benchmark mark").count() == len(times)
    print(
        f"Marking a chronology entry (2,200-entry child): p50 {percentile(times, 0.5):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()
