"""The chronology's entries from casework: contacts, cases (referral and closure), assessments,
visits, case notes, child in need plans and their reviews, closures waiting for a manager."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from kith.cases.models import Case, Contact
from kith.children.entries import ALL, Entry, Reading, short
from kith.protection.codes import Agency
from kith.recording.codes import NoteKind, YesNo
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    PlanReview,
    Status,
    Visit,
)

# Which agency a contact came from, by its referral source (individuals have none).
SOURCE_AGENCY = {
    "2A": Agency.EDUCATION,
    "2B": Agency.EDUCATION,
    "3A": Agency.HEALTH,
    "3B": Agency.HEALTH,
    "3C": Agency.HEALTH,
    "3D": Agency.HEALTH,
    "3E": Agency.HEALTH,
    "3F": Agency.HEALTH,
    "4": Agency.HOUSING,
    "5A": Agency.SOCIAL_CARE,
    "5B": Agency.SOCIAL_CARE,
    "5C": Agency.SOCIAL_CARE,
    "5D": Agency.SOCIAL_CARE,
    "6": Agency.POLICE,
    "7": Agency.PROBATION,
    "8": Agency.OTHER,
}
# A chronology is what has been recorded: drafts are left out.
FINAL = ~Q(status=Status.DRAFT)
# The newest cases first: the latest referral, and the latest closure with it.
NEWEST = ("-referral_date", "-pk")


def contacts(r: Reading) -> list[Entry]:
    rows = Contact.objects.filter(child_id__in=r.ids).select_related("recorded_by")
    return [
        Entry(
            timezone.localdate(c.received_at),
            "contact",
            f"Contact from {c.referrer_name}"
            + (f", {c.referrer_organisation}" if c.referrer_organisation else ""),
            short(c.worries)
            + (f" Decision: {c.get_outcome_display().lower()}." if c.outcome else ""),
            reverse("cases:contact", args=[c.pk]),
            "contact",
            c.pk,
            r.children[c.child_id or 0],
            by=str(c.recorded_by),
            agency=SOURCE_AGENCY.get(c.source, ""),
        )
        for c in r.rows(rows, significant=None, newest=("-received_at", "-pk"))
    ]


def cases(r: Reading) -> list[Entry]:
    """Each referral accepted, and each case closed (two entries from one row)."""
    entries = []
    for case in r.rows(Case.objects.filter(child_id__in=r.ids), significant=ALL, newest=NEWEST):
        url = reverse("recording:case", args=[case.pk])
        child = r.children[case.child_id]
        entries.append(
            Entry(
                case.referral_date,
                "referral",
                f"Referral accepted: case {case.reference}",
                f"From {case.get_referral_source_display().lower()}.",
                url,
                "referral",
                case.pk,
                child,
                significant=True,
            )
        )
        if case.closed_on is not None:
            entries.append(
                Entry(
                    case.closed_on,
                    "referral",
                    f"Case {case.reference} closed",
                    case.get_closure_reason_display(),
                    url,
                    "case-closed",
                    case.pk,
                    child,
                    significant=True,
                )
            )
    return entries


def assessments(r: Reading) -> list[Entry]:
    rows = (
        Assessment.objects.filter(FINAL, case__child_id__in=r.ids)
        .select_related("author")
        .annotate(child_pk=F("case__child_id"))
    )
    authorised = Q(authorised_at__isnull=False)
    return [
        Entry(
            a.completed_on or a.started_on or timezone.localdate(a.created_at),
            "assessment",
            "Child and family assessment" + (" authorised" if a.completed_on else " submitted"),
            short(a.analysis),
            reverse("recording:record", args=["assessment", a.pk]),
            "assessment",
            a.pk,
            r.children[a.child_pk],
            significant=bool(a.completed_on),
            by=str(a.author),
        )
        for a in r.rows(rows, significant=authorised, newest=("-authorised_at", "-pk"))
    ]


def visits(r: Reading) -> list[Entry]:
    # Visits and notes are most of a long history: read as plain rows, links built from one
    # reversed prefix, so 2,000 entries cost milliseconds, not model instances.
    url = reverse("recording:record", args=["visit", 0])[:-2]
    rows = Visit.objects.filter(FINAL, case__child_id__in=r.ids).values(
        "pk",
        "case__child_id",
        "visited_on",
        "created_at",
        "child_seen",
        "seen_alone",
        "observations",
        "author__first_name",
        "author__last_name",
    )
    entries = []
    for v in r.rows(rows, significant=None, newest=("-visited_on", "-pk")):
        seen = (
            "seen alone"
            if v["seen_alone"] == YesNo.YES
            else ("seen" if v["child_seen"] == YesNo.YES else "not seen")
        )
        entries.append(
            Entry(
                v["visited_on"] or timezone.localdate(v["created_at"]),
                "visit",
                f"Visit: child {seen}",
                short(v["observations"]),
                f"{url}{v['pk']}/",
                "visit",
                v["pk"],
                r.children[v["case__child_id"]],
                by=f"{v['author__first_name']} {v['author__last_name']}",
            )
        )
    return entries


def notes(r: Reading) -> list[Entry]:
    url = reverse("recording:record", args=["note", 0])[:-2]
    kinds = dict(NoteKind.choices)
    rows = CaseNote.objects.filter(FINAL, case__child_id__in=r.ids).values(
        "pk",
        "case__child_id",
        "happened_on_date",
        "created_at",
        "note_kind",
        "who_was_involved",
        "text",
        "significant",
        "author__first_name",
        "author__last_name",
    )
    flagged = Q(significant=True)
    return [
        Entry(
            n["happened_on_date"] or timezone.localdate(n["created_at"]),
            "note",
            f"{kinds.get(n['note_kind']) or 'Note'}"
            + (f" with {n['who_was_involved']}" if n["who_was_involved"] else ""),
            short(n["text"]),
            f"{url}{n['pk']}/",
            "note",
            n["pk"],
            r.children[n["case__child_id"]],
            significant=n["significant"],
            by=f"{n['author__first_name']} {n['author__last_name']}",
        )
        for n in r.rows(rows, significant=flagged, newest=("-happened_on_date", "-pk"))
    ]


def child_in_need_plans(r: Reading) -> list[Entry]:
    rows = (
        ChildInNeedPlan.objects.filter(FINAL, case__child_id__in=r.ids)
        .select_related("author")
        .annotate(child_pk=F("case__child_id"))
    )
    return [
        Entry(
            p.starts_on or timezone.localdate(p.created_at),
            "plan",
            "Child in need plan agreed",
            short(p.needs),
            reverse("recording:record", args=["plan", p.pk]),
            "plan",
            p.pk,
            r.children[p.child_pk],
            significant=True,
            by=str(p.author),
        )
        for p in r.rows(rows, significant=ALL, newest=("-starts_on", "-pk"))
    ]


def plan_reviews(r: Reading) -> list[Entry]:
    rows = (
        PlanReview.objects.filter(plan__case__child_id__in=r.ids)
        .select_related("recorded_by")
        .annotate(child_pk=F("plan__case__child_id"))
    )
    return [
        Entry(
            review.held_on,
            "plan",
            f"Child in need plan review: {review.get_decision_display().lower()}",
            short(review.what_changed),
            reverse("recording:record", args=["plan", review.plan_id]),
            "plan-review",
            review.pk,
            r.children[review.child_pk],
            by=str(review.recorded_by),
        )
        for review in r.rows(rows, significant=None, newest=("-held_on", "-pk"))
    ]


def closures_waiting(r: Reading) -> list[Entry]:
    rows = Closure.objects.filter(case__child_id__in=r.ids, status=Status.SUBMITTED).annotate(
        child_pk=F("case__child_id")
    )
    return [
        Entry(
            closure.closed_on or timezone.localdate(closure.created_at),
            "referral",
            "Closure waiting for authorisation",
            short(closure.summary),
            reverse("recording:record", args=["closure", closure.pk]),
            "closure",
            closure.pk,
            r.children[closure.child_pk],
        )
        for closure in r.rows(rows, significant=None, newest=("-closed_on", "-pk"))
    ]
