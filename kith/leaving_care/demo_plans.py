"""Each demo care leaver's needs assessment (within 3 months of becoming eligible for most, late
for a few, not yet for some who only just became eligible) and pathway plan, reviewed as a new
version at least every 6 months for most and overdue for some: records in the young person's
case, written by their social worker while they are in care and their personal adviser after."""

from __future__ import annotations

from datetime import date
from typing import Any

from kith.care.demo import _at, _days
from kith.demo.builder import Demo
from kith.leaving_care import demo_words as words
from kith.leaving_care.demo_support import Leaver
from kith.leaving_care.plans import NeedsAssessment, PathwayPlan
from kith.lib.working_days import add_months
from kith.recording.demo import _Writer
from kith.recording.models import RecordVersion, Status

LATE = 0.12  # of needs assessments done after the 3 months
OVERDUE = 0.12  # of pathway plans not reviewed for over 6 months


def write_plans(demo: Demo, leavers: list[Leaver]) -> None:
    rng, today = demo.rng, demo.today
    writer = _Writer(demo)
    reviews: list[tuple[PathwayPlan, list[tuple[date, int, dict[str, Any]]]]] = []
    settled = [lv for lv in leavers if not lv.died_on and (today - lv.eligible_on).days > 400]
    overdue = {id(lv) for lv in settled if rng.random() < OVERDUE}
    if not overdue and settled:
        overdue = {id(rng.choice(settled))}
    for lv in leavers:
        support = lv.support
        assert support is not None and support.adviser_id is not None
        end = lv.died_on or today
        late = rng.random() < LATE
        assessed = lv.eligible_on + _days(rng.randint(95, 160) if late else rng.randint(20, 85))
        if assessed > end:
            continue  # only just eligible: the assessment is still to come
        case = lv.periods[-1].case
        writer.add(
            NeedsAssessment(
                **writer.common(case, _author(lv, assessed), assessed, Status.FINAL),
                assessed_on=assessed, in_my_words=rng.choice(words.NEED_WORDS),
                needs=words.NEEDS, views_of_others=words.OTHERS,
            )
        )  # fmt: skip
        agreed = assessed + _days(rng.randint(7, 40))
        if agreed > end:
            continue
        days, day = [agreed], agreed
        while True:
            day = add_months(day, 6) - _days(rng.randint(3, 40))
            if day > end:
                break
            days.append(day)
        if id(lv) in overdue:  # the last review not held: over 6 months since the one before
            days = [d for d in days if d <= today - _days(rng.randint(195, 300))] or days[:1]
        about = rng.choice(words.ABOUT).format(name=lv.first)
        plan = PathwayPlan(
            **writer.common(case, _author(lv, agreed), agreed, Status.FINAL),
            agreed_on=agreed, **_sections(lv, agreed, about),
        )  # fmt: skip
        writer.add(plan)
        later = [(d, _author(lv, d), _sections(lv, d, about)) for d in days[1:]]
        reviews.append((plan, later))
    writer.save()
    changed, versions = [], []
    for plan, later in reviews:
        for number, (day, by, sections) in enumerate(later, 2):
            plan.agreed_on = day
            for name, value in sections.items():
                setattr(plan, name, value)
            plan.version, plan.updated_at = number, _at(day, 15)
            versions.append(
                RecordVersion(
                    kind=plan.kind, record_id=plan.pk, number=number, status=plan.status,
                    values=plan.snapshot(), what="Reviewed", by_id=by, at=plan.updated_at,
                )
            )  # fmt: skip
        if later:
            changed.append(plan)
    fields = ["agreed_on", "home", "learning_and_work", "version", "updated_at"]
    PathwayPlan.objects.bulk_update(changed, fields, batch_size=1000)
    RecordVersion.objects.bulk_create(versions, batch_size=2000)
    demo.count("pathway plan reviews", len(versions))


def _author(lv: Leaver, day: date) -> int:
    """Their social worker while they are in care, their personal adviser after."""
    worker = lv.periods[-1].case.worker_id
    if lv.placement_on(day) is not None and worker:
        return worker
    assert lv.support is not None and lv.support.adviser_id is not None
    return lv.support.adviser_id


def _sections(lv: Leaver, day: date, about: str) -> dict[str, str]:
    """The plan as it stood on `day`: where they live and what they do change as they grow."""
    placement = lv.placement_on(day)
    a = lv.arrangement
    if placement is not None:
        home = words.HOME["care"]
    elif a is not None and a.started_on <= day and (a.ended_on is None or day < a.ended_on):
        home = words.HOME[a.kind]
    else:
        home = words.HOME["own"]
    return {
        "about_me": about,
        "home": home,
        "learning_and_work": words.LEARNING[0 if placement else lv.child_id % len(words.LEARNING)],
        "money": words.MONEY,
        "health": words.HEALTH,
        "family_and_friends": words.FAMILY,
        "support": words.SUPPORT,
        "if_things_go_wrong": words.WRONG,
    }
