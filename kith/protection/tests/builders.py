"""Child protection records made for tests: a strategy discussion written straight to the
database (its enquiries already decided on a conference), and the strategy discussion page
filled in for a brother and sister."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from kith.protection.models import Enquiry, StrategyChild, StrategyDiscussion

TODAY = timezone.localdate


def discussion_for(*cases, day=None):
    day = day or TODAY() - timedelta(days=10)
    held = timezone.make_aware(datetime.combine(day, time(9)))
    found = StrategyDiscussion.objects.create(
        held_at=held, information_shared="i", safety_plan="s", recorded_by=cases[0].opened_by
    )
    for case in cases:
        child = StrategyChild.objects.create(
            discussion=found,
            case=case,
            decision="s47",
            reason=f"Reason for {case.child.first_name}",
        )
        Enquiry.objects.create(case=case, started_by=child, started_on=day, outcome="icpc")
    return found


def boxes(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def strategy(client, ellie_case, sam_case, day):
    return client.post(
        reverse("protection:new_strategy", args=[ellie_case.pk]),
        {
            **boxes("held_on", day),
            "held_time": "10:00",
            "people-TOTAL_FORMS": "5",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "DS Lewis",
            "people-0-agency": "police",
            "people-1-name": "Nurse Jones",
            "people-1-agency": "health",
            "information_shared": "Police: incident last night. Health: bruising seen.",
            "safety_plan": "Father not to return home; mother agreed.",
            f"person-{ellie_case.child.pk}-decision": "s47",
            f"person-{ellie_case.child.pk}-reason": "Injury",
            f"person-{sam_case.child.pk}-decision": "s47",
            f"person-{sam_case.child.pk}-reason": "Same home",
        },
    )
