"""Demo step: care leavers of every age and status, and the personal advisers who support them.

Besides the looked-after children the care step made, more young people looked after into
their late teens (demo_people.py): eligible (16 or 17 and in care), relevant (16 or 17 and left
care), former relevant (18 to 21, most having left care at 18: staying put, staying close, or
a flat of their own), a few of 21 to 24 who asked for support to 25, and one young man who
died before he was 21. Their roads to permanence are planned as every looked-after child's are
(by the permanence step's planner, left in demo.built). Everyone the law makes a care leaver
then has their support, in their case, which stays open: a personal adviser (2 to 4 of them,
in no team: they see only the young people they advise), contact, birthday checks, staying
put or staying close (demo_support.py), and the needs assessment and pathway plan
(demo_plans.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.demo import _at, _days
from kith.care.models import CarePeriod
from kith.cases.models import Allocation, Case
from kith.demo.builder import Demo
from kith.leaving_care.codes import OWED_SUPPORT
from kith.leaving_care.demo_people import Histories, Young
from kith.leaving_care.demo_plans import write_plans
from kith.leaving_care.demo_support import Leaver, Support
from kith.leaving_care.status import became_eligible_on, spells_of, status
from kith.recording.demo import _Writer
from kith.recording.models import Closure, Status

# How many, by the number of children looked after now.
ELIGIBLE, RELEVANT, FORMER, TO_25 = 0.12, 0.05, 0.3, 0.06
CASELOAD = 25  # young people a personal adviser supports


def build(demo: Demo) -> None:
    if not demo.built.get("social_workers") or not CarePeriod.objects.exists():
        return
    looked_after = CarePeriod.objects.filter(ended_on__isnull=True).count()
    older = CarePeriod.objects.filter(
        ended_on__isnull=True, child__date_of_birth__lte=demo.years_ago(16)
    ).count()
    people = Histories(demo)
    people.eligible(max(0, max(3, round(looked_after * ELIGIBLE)) - older))
    people.relevant(max(2, round(looked_after * RELEVANT)))
    people.adults(max(5, round(looked_after * FORMER)), 18.05, 20.95)
    people.adults(max(2, round(looked_after * TO_25)), 21.1, 24.7, to_25=True)
    people.died()
    made = {young.person_id: young for young in people.save()}
    plan = demo.built.get("plan permanence")  # the permanence step's, if it ran
    if plan is not None:
        plan(demo, [young.period_id for young in made.values()])
    demo.count("care leavers' care stories", len(made))
    leavers = _leavers(demo, made)
    advisers = _advisers(demo, max(2, min(4, len(leavers) // CASELOAD + 1)))
    Support(demo, advisers).write(leavers)
    write_plans(demo, leavers)
    writer = _Writer(demo)
    for leaver in leavers:
        if leaver.died_on is not None:
            _closed(writer, leaver, leaver.died_on + _days(demo.rng.randint(14, 40)))
    writer.save()


def _closed(writer: _Writer, leaver: Leaver, day: date) -> None:
    """The case of the young man who died closes a few weeks on (RC2), as a manager
    authorises it: later allocations taken back, the last one ended."""
    moment = _at(day, 16)
    allocations = list(Allocation.objects.filter(case_id=leaver.case_id).order_by("started_at"))
    kept = [a for a in allocations if a.started_at < moment] or allocations[:1]
    Allocation.objects.filter(pk__in=[a.pk for a in allocations if a not in kept]).delete()
    last = kept[-1]
    Allocation.objects.filter(pk=last.pk).update(ended_at=moment)
    Case.objects.filter(pk=leaver.case_id).update(
        closed_on=day, closure_reason="RC2", team=last.team_id, worker=last.worker_id
    )
    case = Case.objects.get(pk=leaver.case_id)
    writer.add(
        Closure(
            **writer.common(case, last.worker_id or last.by_id, day, Status.AUTHORISED),
            closed_on=day,
            reason="RC2",
            summary=f"{leaver.first} died. Their personal adviser told their former foster "
            "carers, and offered them support. The case is closed.",
        )
    )


def _leavers(demo: Demo, made: dict[int, Young]) -> list[Leaver]:
    """Everyone the law makes a care leaver today (from their care history: status.py), and
    the young man who died, with their periods of care, oldest first."""
    by_child: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in (
        CarePeriod.objects.select_related("child", "case__worker")
        .prefetch_related("statuses", "placements")
        .order_by("child_id", "started_on", "pk")
    ):
        by_child[period.child_id].append(period)
    found = []
    for child_id, periods in by_child.items():
        child, case = periods[-1].child, periods[-1].case
        young = made.get(child_id)
        to_25, died = (young.to_25, young.died_on) if young else (False, None)
        spells = spells_of(periods)
        eligible = became_eligible_on(child.date_of_birth, spells)
        now = status(child.date_of_birth, spells, demo.today, to_25)
        if child.date_of_birth is None or eligible is None or case.closed_on is not None:
            continue
        if now not in OWED_SUPPORT and died is None:
            continue
        route = young.route if young else ("staying_put" if periods[-1].end_reason == "E17" else "")
        found.append(
            Leaver(child_id, child.first_name, child.date_of_birth, case.pk, periods, eligible,
                   route, to_25, died)
        )  # fmt: skip
    return found


def _advisers(demo: Demo, n: int) -> list[User]:
    """Personal advisers: in no team, so they see only the young people they advise."""
    rng = demo.rng
    named = demo.named_users.get(str(Role.PERSONAL_ADVISER))
    taken = set(User.objects.values_list("username", flat=True))
    advisers: list[User] = []
    for _ in range(n):
        female = rng.random() < 0.7
        first = rng.choice(demo.first_names_female if female else demo.first_names_male)
        last = rng.choice(demo.family_names)
        base = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        username, i = base, 1
        while username in taken:
            i += 1
            username = f"{base}{i}"
        taken.add(username)
        if not advisers and named is not None:
            advisers.append(named)  # the demo's named adviser (the names drawn all the same)
            continue
        advisers.append(
            User(
                username=username, first_name=first, last_name=last,
                email=f"{username}@example.org", role=Role.PERSONAL_ADVISER, team=None,
                job_title="Personal adviser", password=demo.password_hash,
            )
        )  # fmt: skip
    User.objects.bulk_create([a for a in advisers if a.pk is None])
    demo.count("personal advisers", len(advisers))
    return advisers
