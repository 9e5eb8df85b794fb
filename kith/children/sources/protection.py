"""The chronology's entries from child protection: each child's part of a strategy discussion
and of a conference, core group meetings, and plans that ended."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from kith.children.entries import ALL, Entry, Reading, short
from kith.protection.codes import ConferenceKind
from kith.protection.models import ConferenceChild, CoreGroup, ProtectionPlan, StrategyChild


def strategy_discussions(r: Reading) -> list[Entry]:
    rows = (
        StrategyChild.objects.filter(case__child_id__in=r.ids)
        .select_related("discussion")
        .annotate(child_pk=F("case__child_id"))
    )
    return [
        Entry(
            s.discussion.held_on,
            "protection",
            f"Strategy discussion: {s.get_decision_display().lower()}",
            short(s.reason),
            reverse("protection:strategy", args=[s.discussion_id]),
            "strategy",
            s.pk,
            r.children[s.child_pk],
            significant=True,
        )
        for s in r.rows(rows, significant=ALL, newest=("-discussion__held_at", "-pk"))
    ]


def conferences(r: Reading) -> list[Entry]:
    rows = (
        ConferenceChild.objects.filter(case__child_id__in=r.ids)
        .select_related("conference")
        .annotate(child_pk=F("case__child_id"))
    )
    entries = []
    for decided in r.rows(rows, significant=ALL, newest=("-conference__held_on", "-pk")):
        decision = (
            ("plan" if decided.needs_plan else "no plan")
            if decided.conference.kind == ConferenceKind.INITIAL
            else ("plan continues" if decided.needs_plan else "plan ends")
        )
        entries.append(
            Entry(
                decided.conference.held_on,
                "protection",
                f"{decided.conference.get_kind_display()}: {decision}",
                decided.get_category_display() if decided.needs_plan else "",
                reverse("protection:conference", args=[decided.conference_id]),
                "conference",
                decided.pk,
                r.children[decided.child_pk],
                significant=True,
            )
        )
    return entries


def core_groups(r: Reading) -> list[Entry]:
    rows = CoreGroup.objects.filter(plan__case__child_id__in=r.ids).annotate(
        child_pk=F("plan__case__child_id")
    )
    return [
        Entry(
            meeting.held_on,
            "protection",
            "Core group meeting",
            short(meeting.decisions),
            reverse("protection:plan", args=[meeting.plan_id]),
            "core-group",
            meeting.pk,
            r.children[meeting.child_pk],
        )
        for meeting in r.rows(rows, significant=None, newest=("-held_on", "-pk"))
    ]


def ended_protection_plans(r: Reading) -> list[Entry]:
    rows = ProtectionPlan.objects.filter(case__child_id__in=r.ids, ended_on__isnull=False).annotate(
        child_pk=F("case__child_id")
    )
    return [
        Entry(
            plan.ended_on or plan.started_on,
            "protection",
            "Child protection plan ended",
            plan.get_end_reason_display(),
            reverse("protection:plan", args=[plan.pk]),
            "plan-ended",
            plan.pk,
            r.children[plan.child_pk],
            significant=True,
        )
        for plan in r.rows(rows, significant=ALL, newest=("-ended_on", "-pk"))
    ]
