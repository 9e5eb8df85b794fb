"""The care leavers a user works with, and who is due contact: for a personal adviser the young
people they advise; for a worker or manager the care leavers in their own and their team's
cases (a head of service's area); a data officer the authority's. Read in a fixed number of
queries however many young people there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Q

from kith.accounts.models import User
from kith.accounts.roles import MANAGING_ROLES, Role
from kith.care.models import CarePeriod
from kith.cases.access import seen_by
from kith.leaving_care.codes import ContactMethod, LeaverStatus
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, PathwayPlan
from kith.leaving_care.rules import AGES, check_needed, window
from kith.leaving_care.status import Spell, spells_of, status
from kith.lib import timescales
from kith.lib.timescales import RULES, Standing, standing
from kith.recording.models import Status


@dataclass(frozen=True)
class Row:
    leaver: CareLeaver
    status: LeaverStatus | None
    age: int | None
    last_contact: date | None
    contact_due: date
    contact_standing: Standing
    plan_due: date | None
    next_birthday_check: tuple[int, date] | None


def theirs(user: User) -> Q:
    if user.role == Role.PERSONAL_ADVISER:
        return Q(adviser=user)
    if user.role == Role.DATA_OFFICER:
        return Q()
    found = Q(case__worker=user) | Q(adviser=user)
    if user.team_id is not None:
        found |= Q(case__team_id=user.team_id)
    if user.role in MANAGING_ROLES:
        found |= Q(case__team__manager=user) | Q(case__team__service_area__head=user)
    return found


def caseload(user: User, today: date) -> list[Row]:
    leavers = list(
        CareLeaver.objects.filter(
            theirs(user), seen_by(user), ended_on__isnull=True
        ).select_related("child", "adviser", "case")
    )
    ids = [leaver.pk for leaver in leavers]
    # The last contact that reached each young person, and the birthdays checked: read as one
    # row a young person (and five at most), never their every contact.
    last_reached: dict[int, date] = dict(
        AdviserContact.objects.filter(leaver_id__in=ids)
        .exclude(method=ContactMethod.TRIED)
        .order_by()
        .values("leaver_id")
        .annotate(last=Max("contacted_on"))
        .values_list("leaver_id", "last")
    )
    checked: dict[int, set[int]] = defaultdict(set)
    for leaver_id, age in BirthdayCheck.objects.filter(leaver_id__in=ids).values_list(
        "leaver_id", "age"
    ):
        checked[leaver_id].add(age)
    children = [leaver.child_id for leaver in leavers]
    periods: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in CarePeriod.objects.filter(child_id__in=children).prefetch_related("statuses"):
        periods[period.child_id].append(period)
    plans: dict[int, date] = {}
    for case_id, agreed in (
        PathwayPlan.objects.filter(
            case_id__in=[leaver.case_id for leaver in leavers],
            status__in=(Status.FINAL, Status.AUTHORISED),
            agreed_on__isnull=False,
        )
        .order_by("agreed_on")
        .values_list("case_id", "agreed_on")
    ):
        if agreed is not None:
            plans[case_id] = agreed
    every = timescales.rule("adviser-contact")
    rows = []
    for leaver in leavers:
        born = leaver.child.date_of_birth
        spells = spells_of(periods[leaver.child_id])
        last = last_reached.get(leaver.pk)
        due = every.due(last or leaver.started_on)
        plan = plans.get(leaver.case_id)
        rows.append(
            Row(
                leaver,
                status(born, spells, today, bool(leaver.to_25_asked_on)),
                _age(born, today),
                last,
                due,
                standing(due, None, today),
                RULES["pathway-plan-review"].due(plan) if plan else None,
                _next_check(born, today, checked[leaver.pk], spells),
            )
        )
    return sorted(rows, key=lambda r: r.contact_due)


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _next_check(
    born: date | None, today: date, done: set[int], spells: list[Spell]
) -> tuple[int, date] | None:
    """The next birthday check asked for, not yet made, whose window has not closed: its age
    and the last day of its window."""
    if born is None:
        return None
    for age in AGES:
        last = window(born, age)[1]
        if age not in done and last >= today and check_needed(born, age, spells):
            return age, last
    return None
