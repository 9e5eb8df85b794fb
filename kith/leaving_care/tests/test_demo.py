"""The demo authority's care leavers: every status and age, each with support in an open case
and a personal adviser who sees only them, contact (some overdue), birthday checks the 903's
rules accept, staying put and staying close, needs assessments and pathway plans."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.models import CarePeriod
from kith.leaving_care.access import advising
from kith.leaving_care.codes import OWED_SUPPORT, InTouch
from kith.leaving_care.models import (
    AdviserContact,
    BirthdayCheck,
    CareLeaver,
    LivingArrangement,
    NeedsAssessment,
    PathwayPlan,
)
from kith.leaving_care.queries import status_of
from kith.leaving_care.rules import check_problems
from kith.leaving_care.status import birthday, spells_of, status
from kith.lib.working_days import add_months
from kith.recording.models import RecordVersion

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)


@pytest.fixture
def demo(db):
    call_command(
        "seed_demo", "--children", "600", "--seed", "5", "--today", TODAY.isoformat(),
        stdout=io.StringIO(),
    )  # fmt: skip


def age(born: date) -> int:
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


def test_every_care_leaver_has_support_in_an_open_case_with_a_personal_adviser(demo):
    periods = defaultdict(list)
    for period in CarePeriod.objects.prefetch_related("statuses").select_related("child"):
        periods[period.child].append(period)
    owed = {
        child.pk
        for child, ps in periods.items()
        if status(child.date_of_birth, spells_of(ps), TODAY) in OWED_SUPPORT
    }
    supported = set(CareLeaver.objects.filter(ended_on=None).values_list("child_id", flat=True))
    assert owed <= supported
    advisers = User.objects.filter(role=Role.PERSONAL_ADVISER)
    assert 2 <= advisers.count() <= 4
    assert not advisers.exclude(team=None).exists()
    for leaver in CareLeaver.objects.select_related("case", "child", "adviser"):
        assert leaver.adviser.role == Role.PERSONAL_ADVISER
        assert leaver in advising(leaver.adviser) or leaver.ended_on is not None
        if leaver.ended_on is None:
            assert leaver.case.closed_on is None
        else:  # the young man who died
            assert leaver.end_reason == "died" and leaver.child.date_of_death is not None
    assert (
        sum(advising(a).count() for a in advisers)
        == CareLeaver.objects.filter(ended_on=None).count()
    )


def test_there_are_care_leavers_of_every_status_and_age(demo):
    leavers = list(CareLeaver.objects.filter(ended_on=None).select_related("child"))
    found = {status_of(lv.child, TODAY, lv) for lv in leavers}
    assert found == {"eligible", "relevant", "former_relevant"}
    ages = {age(lv.child.date_of_birth) for lv in leavers}
    assert {16, 17, 18, 19, 20} <= ages and max(ages) >= 21
    for leaver in leavers:
        if age(leaver.child.date_of_birth) >= 21:
            assert leaver.to_25_asked_on is not None
    # Those who turned 18 in care left it then, in a way that suits 18, and mostly stayed on.
    at_18 = [
        p
        for p in CarePeriod.objects.exclude(ended_on=None).select_related("child")
        if p.ended_on == birthday(p.child.date_of_birth, 18)
    ]
    assert at_18 and {p.end_reason for p in at_18} <= {"E17", "E5", "E6", "E8"}
    kinds = set(LivingArrangement.objects.values_list("kind", flat=True))
    assert kinds == {"staying_put", "staying_close"}
    for arrangement in LivingArrangement.objects.filter(kind="staying_put"):
        period = CarePeriod.objects.filter(child=arrangement.leaver.child_id).last()
        assert period is not None and period.end_reason == "E17"


def test_contact_checks_and_plans_are_mostly_on_time_and_some_are_not(demo):
    last = {}
    for contact in AdviserContact.objects.filter(leaver__ended_on=None).order_by("contacted_on"):
        if contact.reached:
            last[contact.leaver_id] = contact.contacted_on
    overdue = [day for day in last.values() if day < TODAY - timedelta(weeks=8)]
    assert overdue and len(overdue) < len(last) / 2

    checks = list(BirthdayCheck.objects.select_related("leaver__child"))
    assert {c.in_touch for c in checks} == {code.value for code in InTouch}
    for check in checks:
        born = check.leaver.child.date_of_birth
        assert not check_problems(
            born, check.age, check.checked_on, check.in_touch, check.activity,
            check.accommodation, check.suitable,
        )  # fmt: skip
        assert check.checked_on >= check.leaver.started_on
    assert {c.accommodation for c in checks} >= {"Z", "U", "D"}

    assert NeedsAssessment.objects.exists()
    agreed = list(
        PathwayPlan.objects.filter(case__closed_on=None).values_list("agreed_on", flat=True)
    )
    late = [d for d in agreed if d is not None and add_months(d, 6) < TODAY]
    assert late and len(late) < len(agreed) / 2
    assert RecordVersion.objects.filter(kind="pathway-plan", number__gt=1).exists()
