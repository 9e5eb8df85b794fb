"""Permanence, adoption and care leavers at the scale of a large authority: the permanence page
(typical looked-after children, children with a plan for adoption, children with 30 or more
placements), the young person's leaving care page, letter, summary and chronology (typical care
leavers, and care leavers given 100 more contacts and every birthday check), the Care leavers
list (the demo's personal advisers, heads of service, and one adviser given ~150 young people),
and the Adoption list (heads of service, data officers): latency percentiles of the second look
and queries per page; then the SSDA903 export with its AD1, placed for adoption and OC3 rows
(children a minute, peak Python memory).

    bin/with-postgres .venv/bin/python bench/permanence.py              # 50,000 children
    .venv/bin/python bench/permanence.py --children 10000               # SQLite, quicker
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import Counter
from datetime import timedelta

from _authority import build_authority, percentile, set_up_django
from care import export, many_placements


def many_contacts(leavers, count: int) -> None:  # type: ignore[no-untyped-def]
    """Give each care leaver `count` more contacts between the start of their support and today,
    and a check around every birthday from 17 to 21 whose window has opened: the young people
    whose pages must stay quick however long the story."""
    from django.utils import timezone

    from kith.leaving_care.models import AdviserContact, BirthdayCheck
    from kith.leaving_care.rules import AGES, window

    today = timezone.localdate()
    contacts, checks = [], []
    for leaver in leavers:
        step = max(1, (today - leaver.started_on).days // (count + 1))
        for i in range(1, count + 1):
            contacts.append(
                AdviserContact(
                    leaver=leaver,
                    contacted_on=min(today, leaver.started_on + timedelta(days=step * i)),
                    method="tried" if i % 5 == 0 else "phone",
                    note="Doing well; talked about college and money",
                    recorded_by=leaver.adviser,
                )
            )
        done = {c.age for c in leaver.checks.all()}
        for age in AGES:
            first, last = window(leaver.child.date_of_birth, age)
            if age not in done and first <= today:
                checks.append(
                    BirthdayCheck(
                        leaver=leaver,
                        age=age,
                        checked_on=min(today, last),
                        in_touch="YES",
                        activity="F5",
                        accommodation="U",
                        suitable=True,
                        recorded_by=leaver.adviser,
                    )
                )
    AdviserContact.objects.bulk_create(contacts, batch_size=2000)
    BirthdayCheck.objects.bulk_create(checks, batch_size=2000)


def look(client, url: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return ms, len(captured)


def measure(label: str, visits, looks: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Each visit is a user and their pages; the first look warms, the next `looks` count."""
    from django.test import Client

    times: dict[str, list[float]] = {}
    queries: dict[str, set[int]] = {}
    for user, urls in visits:
        client = Client()
        client.force_login(user)
        for _name, url in urls:
            look(client, url)
        for _ in range(looks):
            for name, url in urls:
                ms, count = look(client, url)
                times.setdefault(name, []).append(ms)
                queries.setdefault(name, set()).add(count)
    for name, values in times.items():
        print(
            f"{label:>22} {name:<18} n={len(values):>4}  p50 {percentile(values, 0.5):5.0f} ms"
            f"  p95 {percentile(values, 0.95):5.0f} ms  p99 {percentile(values, 0.99):5.0f} ms"
            f"  queries {min(queries[name])}–{max(queries[name])}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200, help="children and leavers to open")
    parser.add_argument("--long", type=int, default=20, help="children and leavers given more")
    parser.add_argument("--big", type=int, default=150, help="young people of one adviser")
    parser.add_argument("--looks", type=int, default=20, help="looks at each list")
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
    from django.urls import reverse
    from django.utils import timezone

    from kith.accounts.models import User
    from kith.accounts.roles import Role
    from kith.care.models import CarePeriod
    from kith.leaving_care.models import AdviserContact, CareLeaver
    from kith.permanence.models import AdoptionPlan
    from kith.returns.census import CollectionYear

    def analyse() -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    looked_after = list(
        CarePeriod.objects.filter(ended_on__isnull=True, case__worker__isnull=False)
        .select_related("case__worker", "iro")
        .prefetch_related("placements")
        .order_by("started_on", "pk")
    )
    adopting = list(
        CarePeriod.objects.filter(adoption_plans__isnull=False, case__worker__isnull=False)
        .select_related("case__worker")
        .distinct()
        .order_by("pk")
    )
    leavers = list(
        CareLeaver.objects.filter(ended_on__isnull=True, adviser__isnull=False)
        .select_related("adviser", "child")
        .prefetch_related("checks")
        .order_by("child__date_of_birth", "pk")
    )
    advisers = list(User.objects.filter(role=Role.PERSONAL_ADVISER).order_by("pk"))
    heads = list(User.objects.filter(role=Role.HEAD_OF_SERVICE).order_by("pk"))
    officers = list(User.objects.filter(role=Role.DATA_OFFICER).order_by("pk"))
    print(f"Database: {connection.vendor}; authority built in {built:.0f} s")
    print(
        f"Authority: {args.children:,} children; {len(looked_after):,} looked after now, "
        f"{AdoptionPlan.objects.count():,} plans for adoption, {len(leavers):,} care leavers "
        f"supported by {len(advisers)} personal advisers "
        f"({AdviserContact.objects.count():,} contacts)"
    )
    long_children = [p for p in looked_after if p.iro_id][: args.long]
    many_placements(long_children, 32)
    long_leavers = leavers[: args.long]  # the oldest: every birthday's window has opened
    many_contacts(long_leavers, 100)
    analyse()

    rng = random.Random(args.seed)

    def permanence(periods):  # type: ignore[no-untyped-def]
        return [
            (p.case.worker, [("permanence page", reverse("permanence:period", args=[p.pk]))])
            for p in periods
        ]

    def leaving(group):  # type: ignore[no-untyped-def]
        return [
            (
                leaver.adviser,
                [
                    ("leaving care page", reverse("leaving_care:leaver", args=[leaver.pk])),
                    ("letter (PDF)", reverse("leaving_care:letter", args=[leaver.pk])),
                    ("summary", reverse("children:summary", args=[leaver.child_id])),
                    ("chronology", reverse("children:chronology", args=[leaver.child_id])),
                ],
            )
            for leaver in group
        ]

    def sample(items):  # type: ignore[no-untyped-def]
        return rng.sample(items, min(args.sample, len(items)))

    measure("looked after", permanence(sample(looked_after)))
    measure("plan for adoption", permanence(sample(adopting)))
    measure("30+ placements", permanence(long_children))
    measure("care leavers", leaving(sample(leavers)))
    measure("100+ contacts, checks", leaving(long_leavers))

    def lists(label: str, users, name: str, url: str) -> None:  # type: ignore[no-untyped-def]
        measure(label, [(user, [(name, url)]) for user in users], args.looks)

    caseload, adoption = reverse("leaving_care:caseload"), reverse("permanence:adoption")
    advised = Counter(leaver.adviser_id for leaver in leavers)
    print(f"Personal advisers' young people: {sorted(advised.values())}")
    lists("demo's advisers", advisers, "Care leavers list", caseload)
    lists("heads of service", heads, "Care leavers list", caseload)
    lists("heads, data officers", heads + officers, "Adoption list", adoption)
    big = User.objects.create_user("big.adviser", role=Role.PERSONAL_ADVISER)
    given = [leaver.pk for leaver in leavers[: args.big]]  # with the 20 given 100 contacts
    CareLeaver.objects.filter(pk__in=given).update(adviser=big)
    analyse()
    lists(f"one adviser, {len(given)} young", [big], "Care leavers list", caseload)

    year = CollectionYear.latest_complete(timezone.localdate())
    counts, seconds, peak = export(year)
    children = counts["header"]
    print(
        f"SSDA903 {year.label}: {children:,} children, {counts['episodes']:,} episodes, "
        f"{counts['ad1']:,} AD1, {counts['placed_for_adoption']:,} placed for adoption, "
        f"{counts['oc3']:,} OC3 in {seconds:.1f} s = {children / seconds * 60:,.0f} children "
        f"a minute; peak Python memory {peak:.1f} MiB"
    )


if __name__ == "__main__":
    main()
