"""The chronology's entries from a looked-after child's road to permanence and a care leaver's
support: the permanence planning meeting, a long-term fostering match, the adoption plan (the
decision, the match with adopters, and the decision that the child should no longer be
adopted), leaving care support beginning and ending, the personal adviser's contact, the check
around each birthday from 17 to 21, and staying put or staying close beginning.

The placement order, placed for adoption and the adoption order are not here: they are the
legal status, the move and the end of care the care sources already show (permanence/journey.py
derives them from the same rows). Permanence decisions and the start and end of support are
significant in themselves; contact, checks and arrangements only when a worker marks them.
Each links to where it is recorded: the period's permanence page, or the young person's support.
"""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from kith.children.entries import ALL, Entry, Reading, short
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, LivingArrangement
from kith.leaving_care.status import nth
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting


def _permanence(period_pk: int) -> str:
    return reverse("permanence:period", args=[period_pk])


def _support(leaver_pk: int) -> str:
    return reverse("leaving_care:leaver", args=[leaver_pk])


def permanence_meetings(r: Reading) -> list[Entry]:
    ids = r.looked_after
    if not ids:
        return []
    rows = (
        PermanenceMeeting.objects.filter(period__child_id__in=ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("period__child_id"))
    )
    return [
        Entry(
            meeting.held_on,
            "care",
            f"Permanence planning meeting: {meeting.get_option_display().lower()}",
            short(meeting.decided),
            _permanence(meeting.period_id),
            "permanence-meeting",
            meeting.pk,
            r.children[meeting.child_pk],
            significant=True,
            by=str(meeting.recorded_by),
        )
        for meeting in r.rows(rows, significant=ALL, newest=("-held_on", "-pk"))
    ]


def long_term_matches(r: Reading) -> list[Entry]:
    ids = r.looked_after
    if not ids:
        return []
    rows = (
        LongTermMatch.objects.filter(period__child_id__in=ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("period__child_id"))
    )
    return [
        Entry(
            match.matched_on,
            "care",
            "Long-term fostering match",
            f"With {match.carers}. {short(match.note)}".strip(". "),
            _permanence(match.period_id),
            "long-term-match",
            match.pk,
            r.children[match.child_pk],
            significant=True,
            by=str(match.recorded_by),
        )
        for match in r.rows(rows, significant=ALL, newest=("-matched_on", "-pk"))
    ]


def adoption_plans(r: Reading) -> list[Entry]:
    """The decision that the child should be adopted, the match with adopters, and the decision
    that the child should no longer be adopted (up to three entries from one row)."""
    ids = r.looked_after
    if not ids:
        return []
    rows = (
        AdoptionPlan.objects.filter(period__child_id__in=ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("period__child_id"))
    )
    entries = []
    for plan in r.rows(rows, significant=ALL, newest=("-decided_on", "-pk")):
        child, url = r.children[plan.child_pk], _permanence(plan.period_id)
        by = str(plan.recorded_by)
        adopters = plan.get_adopters_sex_display() + (
            " (the child's foster carers)" if plan.foster_carers_adopting else ""
        )
        for when, title, text, source in (
            (
                plan.decided_on,
                "Decision that the child should be adopted",
                f"Agency decision maker: {plan.decision_maker}. {short(plan.note)}".strip(". "),
                "adoption-decided",
            ),
            (plan.matched_on, "Matched with adopters", adopters, "adoption-matched"),
            (
                plan.ended_on,
                "Decision that the child should no longer be adopted",
                plan.get_end_reason_display(),
                "adoption-ended",
            ),
        ):
            if when is not None:
                entries.append(
                    Entry(
                        when,
                        "care",
                        title,
                        text,
                        url,
                        source,
                        plan.pk,
                        child,
                        significant=True,
                        by=by,
                    )
                )
    return entries


def leaving_care_support(r: Reading) -> list[Entry]:
    """When leaving care support began, and when it ended (two entries from one row)."""
    ids = r.old_enough_to_leave_care
    if not ids:
        return []
    rows = CareLeaver.objects.filter(child_id__in=ids).select_related("adviser", "recorded_by")
    entries = []
    for leaver in r.rows(rows, significant=ALL, newest=("-started_on", "-pk")):
        child, url, by = r.children[leaver.child_id], _support(leaver.pk), str(leaver.recorded_by)
        adviser = f"Personal adviser: {leaver.adviser.get_full_name()}." if leaver.adviser else ""
        entries.append(
            Entry(
                leaver.started_on,
                "care",
                "Leaving care support began",
                adviser,
                url,
                "leaving-care-began",
                leaver.pk,
                child,
                significant=True,
                by=by,
            )
        )
        if leaver.ended_on is not None:
            entries.append(
                Entry(
                    leaver.ended_on,
                    "care",
                    "Leaving care support ended",
                    leaver.get_end_reason_display(),
                    url,
                    "leaving-care-ended",
                    leaver.pk,
                    child,
                    significant=True,
                    by=by,
                )
            )
    return entries


def adviser_contacts(r: Reading) -> list[Entry]:
    ids = r.old_enough_to_leave_care
    if not ids:
        return []
    rows = (
        AdviserContact.objects.filter(leaver__child_id__in=ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("leaver__child_id"))
    )
    return [
        Entry(
            contact.contacted_on,
            "care",
            f"Personal adviser contact: {contact.get_method_display().lower()}",
            short(contact.note),
            _support(contact.leaver_id),
            "adviser-contact",
            contact.pk,
            r.children[contact.child_pk],
            by=str(contact.recorded_by),
        )
        for contact in r.rows(rows, significant=None, newest=("-contacted_on", "-pk"))
    ]


def birthday_checks(r: Reading) -> list[Entry]:
    ids = r.old_enough_to_leave_care
    if not ids:
        return []
    rows = (
        BirthdayCheck.objects.filter(leaver__child_id__in=ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("leaver__child_id"))
    )
    entries = []
    for check in r.rows(rows, significant=None, newest=("-checked_on", "-pk")):
        said = [check.get_in_touch_display()]
        if check.activity:
            said.append(check.get_activity_display().lower())
        if check.accommodation:
            suitable = {True: " (suitable)", False: " (not suitable)", None: ""}[check.suitable]
            said.append(f"lives: {check.get_accommodation_display().lower()}{suitable}")
        entries.append(
            Entry(
                check.checked_on,
                "care",
                f"Check around their {nth(check.age)} birthday",
                short(f"{'; '.join(said)}. {check.note}".strip(". ")),
                _support(check.leaver_id),
                "birthday-check",
                check.pk,
                r.children[check.child_pk],
                by=str(check.recorded_by),
            )
        )
    return entries


def arrangements(r: Reading) -> list[Entry]:
    """Staying put or staying close beginning (its end is the move or support ending)."""
    ids = r.old_enough_to_leave_care
    if not ids:
        return []
    rows = (
        LivingArrangement.objects.filter(leaver__child_id__in=ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("leaver__child_id"))
    )
    return [
        Entry(
            arrangement.started_on,
            "care",
            f"{arrangement.get_kind_display().split(' (')[0]} began",
            arrangement.with_whom,
            _support(arrangement.leaver_id),
            "arrangement-began",
            arrangement.pk,
            r.children[arrangement.child_pk],
            by=str(arrangement.recorded_by),
        )
        for arrangement in r.rows(rows, significant=None, newest=("-started_on", "-pk"))
    ]
