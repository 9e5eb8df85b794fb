"""Child protection conference pages: recording an initial or review conference once for the
children of the family it covers, with a decision for each child; the conference as each reader
may see it, where reports are attached; and the chairs' list of conferences due."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import RECORDERS, STAFF, Policy, SignedInRequest, policy
from kith.accounts.roles import Role
from kith.cases.access import get_case_for, visible_cases
from kith.cases.models import Case
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.lib.forms import problems
from kith.lib.rows import rows_for
from kith.people.models import Relationship
from kith.protection import actions, rules
from kith.protection.access import get_conference_for, may_record_conference, waiting_for_conference
from kith.protection.codes import ConferenceKind
from kith.protection.forms import ConferenceChildForm, ConferenceForm, ReportForm
from kith.protection.models import ConferenceChild, ProtectionPlan
from kith.protection.views.conference_amendments import may_amend, say_if_not_a_working_day
from kith.protection.views.shared import already_sent, looked
from kith.recording.codes import YesNo
from kith.recording.forms import PlanActions

CHAIRS = Policy(
    "chairs",
    "Conference chairs, team managers and heads of service",
    lambda u: u.role in {Role.CHAIR, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
)


def family_cases(user: User, case: Case) -> list[Case]:
    """This case first, then the open cases of the children related to this child that the
    user may see: the children a strategy discussion or conference can cover together."""
    related = Relationship.objects.filter(Q(first=case.child) | Q(second=case.child))
    ids = {i for pair in related.values_list("first_id", "second_id") for i in pair}
    ids.discard(case.child_id)
    others = (
        visible_cases(user)
        .filter(child_id__in=ids, closed_on__isnull=True)
        .select_related("child", "team", "worker")
        .order_by("child__date_of_birth")
    )
    return [case, *others]


def _conference_children(user: User, case: Case, kind: str) -> list[tuple[Case, Any]]:
    """The children a conference of this kind can cover: for an initial conference, those
    whose enquiry decided on one (not yet held); for a review, those on a plan."""
    # Only children whose conference this user may record (a chair: any; a worker: their own).
    family = [c for c in family_cases(user, case) if may_record_conference(user, c)]
    ids = [c.pk for c in family]
    if kind == ConferenceKind.INITIAL:
        waiting = {
            e.case_id: e
            for e in waiting_for_conference().filter(case_id__in=ids).order_by("started_on")
        }
        return [(c, waiting[c.pk]) for c in family if c.pk in waiting]
    plans = {
        p.case_id: p for p in ProtectionPlan.objects.filter(case_id__in=ids, ended_on__isnull=True)
    }
    return [(c, plans[c.pk]) for c in family if c.pk in plans]


@policy(RECORDERS)
def new_conference(request: SignedInRequest, pk: int, kind: str) -> HttpResponse:
    """One conference for the children of the family: a decision for each, and for an initial
    conference the outline plan every child's plan starts with."""
    if kind not in ConferenceKind.values:
        raise Http404("No such kind of conference")
    case = get_case_for(request.user, pk)
    if not may_record_conference(request.user, case):
        raise PermissionDenied(
            "Conferences are recorded by the child's worker, their team and managers, and by "
            "conference chairs."
        )
    candidates = _conference_children(request.user, case, kind)
    data = drafts.data_for(request)
    per_child = _per_child_forms(data, kind, candidates)
    initial_conference = kind == ConferenceKind.INITIAL
    form = ConferenceForm(
        data,
        # What Kith knows: today, and the chair recording it.
        initial={
            "held_on": timezone.localdate(),
            "chair": request.user.pk if request.user.role == Role.CHAIR else None,
        },
        per_child=[f for _, _, f in per_child],
        initial_conference=initial_conference,
    )
    # The outline plan's actions: every child's plan starts with them.
    adding = data is not None and "add_action" in data
    outline: Any = rows_for(PlanActions, data or None, prefix="actions", more=int(adding))
    drafts.quiet_if_put_back(request, form, outline, *(f for _, _, f in per_child))
    if request.method == "POST" and _all_valid(
        form, per_child, outline if initial_conference else None
    ):
        decisions = _decisions(form, per_child, kind)
        if not form.errors:
            fields = {
                k: form.cleaned_data[k]
                for k in (
                    "attendance",
                    "apologies",
                    "reports_received",
                    "social_worker_report",
                    "views",
                )
            }
            try:
                with sent_once(request) as done:
                    conference = actions.record_conference(
                        by=request.user,
                        kind=kind,
                        held_on=form.cleaned_data["held_on"],
                        chair=form.cleaned_data["chair"],
                        quorate=form.cleaned_data["quorate"] == YesNo.YES,
                        decisions=decisions,
                        outline={**form.outline(), "actions": outline.actions()}
                        if initial_conference
                        else None,
                        **fields,
                    )
                    done(reverse("protection:conference", args=[conference.pk]))
            except AlreadySent as sent:
                return already_sent(request, sent, case)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                drafts.forget(request)
                messages.success(request, "The conference is recorded.")
                say_if_not_a_working_day(request, conference.held_on)
                return redirect("protection:conference", conference.pk)
    return render(
        request,
        "protection/new_conference.html",
        {
            "case": case,
            "kind": ConferenceKind(kind),
            "form": form,
            "per_child": per_child,
            "outline": outline if initial_conference else None,
            "problems": problems(
                form,
                *(outline.forms if initial_conference else []),
                *(f for _, _, f in per_child),
            ),
        },
    )


def _per_child_forms(
    data: QueryDict | None, kind: str, candidates: list[tuple[Case, Any]]
) -> list[tuple[Case, Any, ConferenceChildForm]]:
    """Each child's part of the conference, beside what it is about (their enquiry, or the plan
    a review looks at). A review starts from the plan continuing in its latest category, and
    says the latest date the next review may be."""
    per_child = []
    for child_case, about in candidates:
        review = kind == ConferenceKind.REVIEW
        if review:
            last = ConferenceChild.objects.filter(
                plan=about, conference__kind=ConferenceKind.REVIEW
            )
            last_on = max(
                (c.conference.held_on for c in last.select_related("conference")), default=None
            )
            latest = rules.latest_review(about.started_on, last_on)
        else:
            latest = None
        initial = {
            "decision": "plan" if review else "",
            "category": about.latest_category if review else "",
        }
        per_child.append(
            (
                child_case,
                about,
                ConferenceChildForm(
                    data,
                    prefix=f"child-{child_case.pk}",
                    review=review,
                    latest=latest,
                    initial=initial,
                    child_name=child_case.child.full_name,
                    case=child_case,
                ),
            )
        )
    return per_child


def _all_valid(
    form: ConferenceForm,
    per_child: list[tuple[Case, Any, ConferenceChildForm]],
    outline: Any,
) -> bool:
    """Every form on the page is valid (the outline plan's rows only where there is one), and
    no child's next review is on or before the conference."""
    valid = [form.is_valid(), *(f.is_valid() for _, _, f in per_child)]
    if outline is not None:
        valid.append(outline.is_valid())
    held_on = form.cleaned_data.get("held_on") if valid[0] else None
    for _, _, f in per_child:
        next_on = f.cleaned_data.get("next_review_on") if f.is_valid() else None
        if held_on and next_on and next_on <= held_on:
            f.add_error("next_review_on", "The next review must be after this conference")
            valid.append(False)
    return all(valid)


def _decisions(
    form: ConferenceForm, per_child: list[tuple[Case, Any, ConferenceChildForm]], kind: str
) -> list[dict[str, Any]]:
    """The decision for each child part of the conference, for the action. An initial
    conference's date is checked against each child's strategy discussion here, so the page
    says it beside the date (a problem found goes on the form)."""
    initial_conference = kind == ConferenceKind.INITIAL
    decisions = []
    for child_case, about, f in per_child:
        if not f.cleaned_data["decision"]:
            continue
        if kind == ConferenceKind.INITIAL:
            problem = rules.conference_date_problem(form.cleaned_data["held_on"], about.started_on)
            if problem and problem not in form.errors.get("held_on", []):
                form.add_error("held_on", problem)
        # Left blank, the next review is the latest it may be: 3 months after an
        # initial conference, 6 after a review.
        months = rules.FIRST_REVIEW_MONTHS if initial_conference else rules.LATER_REVIEW_MONTHS
        decisions.append(
            {
                "case": child_case,
                "needs_plan": f.cleaned_data["decision"] == "plan",
                "category": f.cleaned_data["category"],
                "next_review_on": f.cleaned_data["next_review_on"]
                or (
                    rules.add_months(form.cleaned_data["held_on"], months)
                    if f.cleaned_data["decision"] == "plan"
                    else None
                ),
                "enquiry": about if kind == ConferenceKind.INITIAL else None,
            }
        )
    return decisions


@policy(STAFF)
def conference(request: SignedInRequest, pk: int) -> HttpResponse:
    """The conference, its decisions for the children the user may see, and the reports
    other agencies sent (attached documents); those who record conferences can attach more."""
    found, cases = get_conference_for(request.user, pk)
    can_attach = any(may_record_conference(request.user, c) for c in cases)
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_attach:
            raise PermissionDenied("Only those who record conferences can attach reports.")
        if form.is_valid():
            actions.attach_report(
                found,
                by=request.user,
                cases=cases,
                **form.cleaned_data,
            )
            messages.success(request, "The report is attached.")
            return redirect("protection:conference", found.pk)
    else:
        looked(request, cases, "conference", pk)
    decisions = list(found.children.filter(case__in=cases).select_related("case__child", "plan"))
    months = (
        rules.FIRST_REVIEW_MONTHS
        if found.kind == ConferenceKind.INITIAL
        else rules.LATER_REVIEW_MONTHS
    )
    limit = rules.add_months(found.held_on, months)
    for d in decisions:
        d.too_late = bool(d.next_review_on and d.next_review_on > limit)  # type: ignore[attr-defined]
    return render(
        request,
        "protection/conference.html",
        {
            "conference": found,
            "case": cases[0],
            "decisions": decisions,
            "reports": list(found.reports.select_related("uploaded_by")),
            "can_amend": may_amend(request.user, found, cases),
            "amendments": list(found.amendments.order_by("-at")),
            "form": form if can_attach else None,
            "problems": problems(form) if can_attach else [],
        },
    )


@policy(CHAIRS)
def conferences(request: SignedInRequest) -> HttpResponse:
    """For chairs and managers: children waiting for an initial conference, and plans with
    their next review, soonest first."""
    today = timezone.localdate()
    cases = visible_cases(request.user)
    waiting = list(
        waiting_for_conference()
        .filter(case__in=cases)
        .select_related("case__child", "case__team")
        .order_by("started_on")
    )
    plans = list(
        ProtectionPlan.objects.filter(case__in=cases, ended_on__isnull=True)
        .select_related("case__child", "case__team")
        .prefetch_related("conferences__conference")
    )
    reviews = sorted(
        ((p, rules.review_timescale(p, list(p.conferences.all()), today)) for p in plans),
        key=lambda pair: pair[1].due if pair[1] else today,
    )
    return render(
        request,
        "protection/conferences.html",
        {"waiting": waiting, "reviews": reviews, "today": today},
    )
