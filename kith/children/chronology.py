"""The chronology: every dated thing in a child's life with children's services, gathered from
the records themselves (never typed twice), newest first, with a link to each record.

One query per kind of record, whatever the length of the history; entries are built in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kith.cases.models import Case, Contact
from kith.children.models import ChronologyEvent, ChronologyMark
from kith.people.access import visible_relationships
from kith.people.models import Person, Relationship
from kith.protection.codes import Agency
from kith.protection.models import ConferenceChild, CoreGroup, ProtectionPlan, StrategyChild
from kith.recording.codes import NoteKind
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    PlanReview,
    Status,
    Visit,
)

# The kinds of entry, in the words the filter shows.
KINDS = {
    "contact": "Contacts",
    "referral": "Referrals and closures",
    "assessment": "Assessments",
    "visit": "Visits",
    "note": "Case notes",
    "plan": "Plans and reviews",
    "protection": "Child protection",
    "family": "Family changes",
    "event": "Significant events added by hand",
}
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
SUMMARY_LENGTH = 240


@dataclass
class Entry:
    on: date
    kind: str
    title: str
    text: str
    url: str
    significant: bool = False
    by: str = ""
    child: Person | None = None
    analysis: str = ""  # a worker's note on what the entry means (ChronologyMark)
    marked_by: str = ""
    mark_id: int | None = None  # the latest mark, which a new one must have seen
    agency: str = ""  # the agency it came from, when it came from one (Agency)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def anchor(self) -> str:
        """Where on the chronology page an event typed into it is (its link points there)."""
        return self.url.partition("#")[2]

    @property
    def key(self) -> str:
        """What a worker's mark is attached to: the record, the kind of entry and its date."""
        return f"{self.kind}|{self.url}|{self.on.isoformat()}"


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def chronology(children: list[Person], viewer: Any = None) -> list[Entry]:
    """Every entry for these children (one child, or siblings for the family view), newest
    first. Drafts are left out: a chronology is what has been recorded. Relationships with
    people the viewer may not see (a restricted child) are left out too."""
    ids = [c.pk for c in children]
    by_id = {c.pk: c for c in children}
    entries: list[Entry] = []
    for c in Contact.objects.filter(child_id__in=ids).select_related("recorded_by"):
        entries.append(
            Entry(
                timezone.localdate(c.received_at),
                "contact",
                f"Contact from {c.referrer_name}"
                + (f", {c.referrer_organisation}" if c.referrer_organisation else ""),
                _short(c.worries)
                + (f" Decision: {c.get_outcome_display().lower()}." if c.outcome else ""),
                reverse("cases:contact", args=[c.pk]),
                by=str(c.recorded_by),
                child=by_id.get(c.child_id or 0),
                agency=SOURCE_AGENCY.get(c.source, ""),
            )
        )
    cases = list(Case.objects.filter(child_id__in=ids))
    for case in cases:
        entries.append(
            Entry(
                case.referral_date,
                "referral",
                f"Referral accepted: case {case.reference}",
                f"From {case.get_referral_source_display().lower()}.",
                reverse("recording:case", args=[case.pk]),
                significant=True,
                child=by_id[case.child_id],
            )
        )
        if case.closed_on:
            entries.append(
                Entry(
                    case.closed_on,
                    "referral",
                    f"Case {case.reference} closed",
                    case.get_closure_reason_display(),
                    reverse("recording:case", args=[case.pk]),
                    significant=True,
                    child=by_id[case.child_id],
                )
            )
    child_of = {case.pk: by_id[case.child_id] for case in cases}
    final = ~Q(status=Status.DRAFT)
    for a in Assessment.objects.filter(final, case__child_id__in=ids).select_related("author"):
        entries.append(
            Entry(
                a.completed_on or a.started_on or timezone.localdate(a.created_at),
                "assessment",
                "Child and family assessment" + (" authorised" if a.completed_on else " submitted"),
                _short(a.analysis),
                reverse("recording:record", args=["assessment", a.pk]),
                significant=bool(a.completed_on),
                by=str(a.author),
                child=child_of[a.case_id],
            )
        )
    # Visits and notes are most of a long history: read as plain rows, links built from one
    # reversed prefix, so 2,000 entries cost milliseconds, not model instances.
    visit_url = reverse("recording:record", args=["visit", 0])[:-2]
    for v in Visit.objects.filter(final, case__child_id__in=ids).values(
        "pk",
        "case_id",
        "visited_on",
        "created_at",
        "child_seen",
        "seen_alone",
        "observations",
        "author__first_name",
        "author__last_name",
    ):
        seen = (
            "seen alone"
            if v["seen_alone"] == "yes"
            else ("seen" if v["child_seen"] == "yes" else "not seen")
        )
        entries.append(
            Entry(
                v["visited_on"] or timezone.localdate(v["created_at"]),
                "visit",
                f"Visit: child {seen}",
                _short(v["observations"]),
                f"{visit_url}{v['pk']}/",
                by=f"{v['author__first_name']} {v['author__last_name']}",
                child=child_of[v["case_id"]],
            )
        )
    note_url = reverse("recording:record", args=["note", 0])[:-2]
    note_kinds = dict(NoteKind.choices)
    for n in CaseNote.objects.filter(final, case__child_id__in=ids).values(
        "pk",
        "case_id",
        "happened_on_date",
        "created_at",
        "note_kind",
        "who_was_involved",
        "text",
        "significant",
        "author__first_name",
        "author__last_name",
    ):
        entries.append(
            Entry(
                n["happened_on_date"] or timezone.localdate(n["created_at"]),
                "note",
                f"{note_kinds.get(n['note_kind']) or 'Note'}"
                + (f" with {n['who_was_involved']}" if n["who_was_involved"] else ""),
                _short(n["text"]),
                f"{note_url}{n['pk']}/",
                significant=n["significant"],
                by=f"{n['author__first_name']} {n['author__last_name']}",
                child=child_of[n["case_id"]],
            )
        )
    for p in ChildInNeedPlan.objects.filter(final, case__child_id__in=ids).select_related("author"):
        entries.append(
            Entry(
                p.starts_on or timezone.localdate(p.created_at),
                "plan",
                "Child in need plan agreed",
                _short(p.needs),
                reverse("recording:record", args=["plan", p.pk]),
                significant=True,
                by=str(p.author),
                child=child_of[p.case_id],
            )
        )
    for r in PlanReview.objects.filter(plan__case__child_id__in=ids).select_related(
        "plan", "recorded_by"
    ):
        entries.append(
            Entry(
                r.held_on,
                "plan",
                f"Child in need plan review: {r.get_decision_display().lower()}",
                _short(r.what_changed),
                reverse("recording:record", args=["plan", r.plan_id]),
                by=str(r.recorded_by),
                child=child_of[r.plan.case_id],
            )
        )
    for cl in Closure.objects.filter(case__child_id__in=ids, status=Status.SUBMITTED):
        entries.append(
            Entry(
                cl.closed_on or timezone.localdate(cl.created_at),
                "referral",
                "Closure waiting for authorisation",
                _short(cl.summary),
                reverse("recording:record", args=["closure", cl.pk]),
                child=child_of[cl.case_id],
            )
        )
    for s in StrategyChild.objects.filter(case__child_id__in=ids).select_related("discussion"):
        entries.append(
            Entry(
                s.discussion.held_on,
                "protection",
                f"Strategy discussion: {s.get_decision_display().lower()}",
                _short(s.reason),
                reverse("protection:strategy", args=[s.discussion_id]),
                significant=True,
                child=child_of[s.case_id],
            )
        )
    for decided in ConferenceChild.objects.filter(case__child_id__in=ids).select_related(
        "conference"
    ):
        decision = (
            ("plan" if decided.needs_plan else "no plan")
            if decided.conference.kind == "initial"
            else ("plan continues" if decided.needs_plan else "plan ends")
        )
        entries.append(
            Entry(
                decided.conference.held_on,
                "protection",
                f"{decided.conference.get_kind_display()}: {decision}",
                decided.get_category_display() if decided.needs_plan else "",
                reverse("protection:conference", args=[decided.conference_id]),
                significant=True,
                child=child_of[decided.case_id],
            )
        )
    for meeting in CoreGroup.objects.filter(plan__case__child_id__in=ids).select_related("plan"):
        entries.append(
            Entry(
                meeting.held_on,
                "protection",
                "Core group meeting",
                _short(meeting.decisions),
                reverse("protection:plan", args=[meeting.plan_id]),
                child=child_of[meeting.plan.case_id],
            )
        )
    for plan in ProtectionPlan.objects.filter(case__child_id__in=ids, ended_on__isnull=False):
        entries.append(
            Entry(
                plan.ended_on or plan.started_on,
                "protection",
                "Child protection plan ended",
                plan.get_end_reason_display(),
                reverse("protection:plan", args=[plan.pk]),
                significant=True,
                child=child_of[plan.case_id],
            )
        )
    related = Relationship.objects.filter(
        Q(first_id__in=ids) | Q(second_id__in=ids), visible_relationships(viewer)
    ).select_related("first", "second")
    for rel in related:
        for when, what in ((rel.start_date, "began"), (rel.end_date, "ended")):
            if when is None:
                continue
            child = by_id.get(rel.second_id) or by_id.get(rel.first_id)
            other = rel.first if rel.second_id in by_id else rel.second
            entries.append(
                Entry(
                    when,
                    "family",
                    f"Relationship with {other.full_name} {what}",
                    rel.get_kind_display() if hasattr(rel, "get_kind_display") else "",
                    reverse("people:person", args=[other.pk]),
                    child=child,
                )
            )
    entries += [_event(e, by_id[e.child_id]) for e in _events(ids)]
    _apply_marks(entries, ids)
    entries.sort(key=lambda e: (e.on, e.kind), reverse=True)
    return entries


def _events(ids: list[int]) -> list[ChronologyEvent]:
    return list(ChronologyEvent.objects.filter(child_id__in=ids).select_related("recorded_by"))


def _event(event: ChronologyEvent, child: Person) -> Entry:
    told = f"Told by {event.get_agency_display().lower()}. " if event.agency else ""
    return Entry(
        event.happened_on,
        "event",
        event.what,
        _short(told + event.details),
        reverse("children:chronology", args=[event.child_id]) + f"#event-{event.pk}",
        significant=True,
        by=str(event.recorded_by),
        child=child,
        agency=event.agency,
    )


def _apply_marks(entries: list[Entry], ids: list[int]) -> dict[tuple[int, str], ChronologyMark]:
    """A curated chronology (Munro): the latest mark a worker made on each entry decides
    whether it is significant and adds their analysis."""
    latest: dict[tuple[int, str], ChronologyMark] = {}
    for mark in ChronologyMark.objects.filter(child_id__in=ids).select_related("by").order_by("at"):
        latest[(mark.child_id, mark.key)] = mark
    for entry in entries:
        found = latest.get((entry.child.pk if entry.child else 0, entry.key))
        if found is not None:
            entry.significant = found.significant
            entry.analysis = found.analysis
            entry.marked_by = str(found.by)
            entry.mark_id = found.pk
    return latest


def significant_events(child: Person, most: int) -> list[Entry]:
    """The latest significant events only, for the summary: a few rows of each kind that can
    be significant, never the whole history."""
    cases = list(Case.objects.filter(child=child))
    entries: list[Entry] = []
    for case in cases:
        url = reverse("recording:case", args=[case.pk])
        entries.append(
            Entry(
                case.referral_date,
                "referral",
                f"Referral accepted: case {case.reference}",
                f"From {case.get_referral_source_display().lower()}.",
                url,
                True,
                child=child,
            )
        )
        if case.closed_on:
            entries.append(
                Entry(
                    case.closed_on,
                    "referral",
                    f"Case {case.reference} closed",
                    case.get_closure_reason_display(),
                    url,
                    True,
                    child=child,
                )
            )
    final = ~Q(status=Status.DRAFT)
    for n in CaseNote.objects.filter(final, case__child=child, significant=True).order_by(
        "-happened_on_date", "-pk"
    )[:most]:
        entries.append(
            Entry(
                n.happened_on_date or timezone.localdate(n.created_at),
                "note",
                n.get_note_kind_display() or "Note",
                _short(n.text),
                reverse("recording:record", args=["note", n.pk]),
                True,
                child=child,
            )
        )
    for a in Assessment.objects.filter(case__child=child, status=Status.AUTHORISED).order_by(
        "-authorised_at"
    )[:most]:
        entries.append(
            Entry(
                a.completed_on or timezone.localdate(a.created_at),
                "assessment",
                "Child and family assessment authorised",
                _short(a.analysis),
                reverse("recording:record", args=["assessment", a.pk]),
                True,
                child=child,
            )
        )
    for p in ChildInNeedPlan.objects.filter(final, case__child=child).order_by("-starts_on")[:most]:
        entries.append(
            Entry(
                p.starts_on or timezone.localdate(p.created_at),
                "plan",
                "Child in need plan agreed",
                _short(p.needs),
                reverse("recording:record", args=["plan", p.pk]),
                True,
                child=child,
            )
        )
    for s in (
        StrategyChild.objects.filter(case__child=child)
        .select_related("discussion")
        .order_by("-discussion__held_at")[:most]
    ):
        entries.append(
            Entry(
                s.discussion.held_on,
                "protection",
                f"Strategy discussion: {s.get_decision_display().lower()}",
                _short(s.reason),
                reverse("protection:strategy", args=[s.discussion_id]),
                True,
                child=child,
            )
        )
    for c in (
        ConferenceChild.objects.filter(case__child=child)
        .select_related("conference")
        .order_by("-conference__held_on")[:most]
    ):
        entries.append(
            Entry(
                c.conference.held_on,
                "protection",
                c.conference.get_kind_display(),
                c.get_category_display() if c.needs_plan else "No plan",
                reverse("protection:conference", args=[c.conference_id]),
                True,
                child=child,
            )
        )
    entries += [_event(e, child) for e in _events([child.pk])]
    # Workers' marks count here too: an entry unmarked drops out, one marked is added.
    latest = _apply_marks(entries, [child.pk])
    known = {e.key for e in entries}
    for (_, key), mark in latest.items():
        kind, url, on = key.split("|")
        if key not in known and mark.significant and kind in KINDS:
            entries.append(
                Entry(
                    date.fromisoformat(on),
                    kind,
                    f"{KINDS[kind]}: marked significant",
                    _short(mark.analysis),
                    url,
                    True,
                    child=child,
                )
            )
    entries = [e for e in entries if e.significant]
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries[:most]
