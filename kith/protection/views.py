"""Child protection pages. Records covering several children (a strategy discussion, a
conference) are written once, from one child's case, with a decision for each child."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, Policy, policy
from kith.accounts.roles import Role
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases import actions as case_actions
from kith.cases.access import get_case_for, may_record_on, visible_cases
from kith.cases.models import Case
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.lib.forms import problems
from kith.lib.working_days import is_working_day
from kith.people.models import Relationship
from kith.protection import actions, rules
from kith.protection.access import (
    get_conference_for,
    get_discussion_for,
    get_enquiry_for,
    get_plan_for,
    may_record_conference,
    waiting_for_conference,
)
from kith.protection.codes import ConferenceKind, StrategyDecision
from kith.protection.family import children_around
from kith.protection.forms import (
    ConferenceAmendForm,
    ConferenceChildForm,
    ConferenceForm,
    CoreGroupForm,
    EndPlanForm,
    EnquiryForm,
    Participants,
    ProtectionPlanForm,
    ReportForm,
    StrategyChildForm,
    StrategyForm,
)
from kith.protection.models import ConferenceChild, Enquiry, ProtectionPlan
from kith.protection.queries import plan_page
from kith.recording.forms import PlanActions

CHAIRS = Policy(
    "chairs",
    "Conference chairs, team managers and heads of service",
    lambda u: u.role in {Role.CHAIR, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
)


def _looked(request: HttpRequest, cases: list[Case], what: str, pk: int) -> None:
    for case in cases:
        record(
            by=request.user,
            verb=Verb.PROTECTION_VIEWED,
            person=case.child,
            detail={"case": case.pk, "page": what, "record": pk},
            request=request,
        )


def family_cases(user: Any, case: Case) -> list[Case]:
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


def _already_sent(request: HttpRequest, sent: AlreadySent, case: Case) -> HttpResponse:
    """The same form sent twice: the first made it; show that instead of a second."""
    messages.info(request, "This was already saved: here it is.")
    return redirect(sent.result or reverse("recording:case", args=[case.pk]))


# --- Strategy discussion -------------------------------------------------------------------


@policy(RECORDERS)
def new_strategy(request: HttpRequest, pk: int) -> HttpResponse:
    """One discussion for the family: every child of the family and household is listed, and a
    brother or sister with no case yet can be part of it (their enquiry opens their referral)."""
    case = get_case_for(request.user, pk, changeable=True)
    family = children_around(request.user, case)
    data = drafts.data_for(request)
    now = timezone.localtime()
    per_child = [
        (
            child,
            StrategyChildForm(
                data,
                prefix=child.key,
                initial={"decision": StrategyDecision.SECTION_47 if child.case == case else ""},
                child_name=child.person.full_name,
                case=child.case,
                child=child.person,
                has_case=child.case is not None,
            ),
        )
        for child in family
        if child.may_record
    ]
    form = StrategyForm(
        data,
        initial={"held_on": now.date(), "held_time": now.strftime("%H:%M")},
        per_child=[f for _, f in per_child],
    )
    people: Any = Participants(data, prefix="people")
    drafts.quiet_if_put_back(request, form, people, *(f for _, f in per_child))
    if request.method == "POST":
        valid = [form.is_valid(), people.is_valid(), *(f.is_valid() for _, f in per_child)]
        if all(valid):
            shared = form.cleaned_data["reason"].strip()
            decisions = [
                (
                    child.case or child.person,
                    f.cleaned_data["decision"],
                    f.cleaned_data["reason"].strip() or shared,
                )
                for child, f in per_child
                if f.cleaned_data["decision"]
            ]
            held_at = timezone.make_aware(
                datetime.combine(form.cleaned_data["held_on"], form.cleaned_data["held_time"])
            )
            try:
                with sent_once(request) as done:
                    discussion = actions.record_strategy_discussion(
                        by=request.user,  # type: ignore[arg-type]
                        held_at=held_at,
                        participants=people.people(),
                        information_shared=form.cleaned_data["information_shared"],
                        safety_plan=form.cleaned_data["safety_plan"],
                        actions=form.cleaned_data["actions"],
                        decisions=decisions,
                        opened_from=case,
                        request=request,
                    )
                    done(reverse("protection:strategy", args=[discussion.pk]))
            except AlreadySent as sent:
                return _already_sent(request, sent, case)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                drafts.forget(request)
                messages.success(request, "The strategy discussion is recorded.")
                return redirect("protection:strategy", discussion.pk)
    return render(
        request,
        "protection/new_strategy.html",
        {
            "case": case,
            "form": form,
            "people": people,
            "per_child": per_child,
            # Children of the family whose part is recorded by their own case's people.
            "elsewhere": [child for child in family if not child.may_record],
            "problems": problems(form, *people.forms, *(f for _, f in per_child)),
        },
    )


@policy(STAFF)
def strategy(request: HttpRequest, pk: int) -> HttpResponse:
    discussion, cases = get_discussion_for(request.user, pk)
    _looked(request, cases, "strategy discussion", pk)
    decisions = list(
        discussion.children.filter(case__in=cases).select_related("case__child", "enquiry")
    )
    return render(
        request,
        "protection/strategy.html",
        {
            "discussion": discussion,
            "case": cases[0],
            "decisions": decisions,
            "participants": list(discussion.participants.all()),
            "missing": discussion.agencies_missing(),
        },
    )


# --- Section 47 enquiry ---------------------------------------------------------------------


@policy(STAFF)
def enquiry(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_enquiry_for(request.user, pk)
    case = found.case
    can_record = may_record_on(request.user, case)
    initial = {
        "version": found.version,
        "findings": found.findings,
        "concerns_substantiated": _word(found.concerns_substantiated),
        "continuing_risk": _word(found.continuing_risk),
        "outcome": found.outcome,
        "outcome_on": found.outcome_on,
        "no_conference_reason": found.no_conference_reason,
    }
    siblings = _sibling_enquiries(request.user, found) if not found.outcome else []
    form = (
        EnquiryForm(
            drafts.data_for(request),
            initial=initial,
            started_on=found.started_on,
            case=case,
            siblings=siblings,
            differing=[e for e in siblings if e.says_otherwise(found)],
        )
        if can_record
        else None
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only the allocated worker's team can record the enquiry.")
        if form.is_valid():
            also = form.cleaned_data.get("also") or []
            try:
                actions.update_enquiries(
                    found,
                    by=request.user,  # type: ignore[arg-type]
                    version=form.cleaned_data["version"],
                    also=also,
                    request=request,
                    **form.fields_for_action(),
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            except case_actions.EditConflict as clash:
                whose = clash.current.case.child.full_name
                form.add_error(
                    None,
                    f"Someone else saved {whose}'s enquiry after you opened this page. Your "
                    "words are below and not saved: open the enquiry in a new tab to compare, "
                    "then save.",
                )
            else:
                drafts.forget(request)
                messages.success(
                    request,
                    _saved_for("The enquiry is saved", [found, *(e for e, _ in also)]),
                )
                return redirect("protection:enquiry", found.pk)
    else:
        _looked(request, [case], "section 47 enquiry", pk)
    today = timezone.localdate()
    held = found.conferences.select_related("conference").first()
    return render(
        request,
        "protection/enquiry.html",
        {
            "enquiry": found,
            "case": case,
            "form": form,
            "problems": problems(form) if form is not None else [],
            "can_confer": may_record_conference(request.user, case),
            "timescale": rules.conference_timescale(
                found.started_on, held.conference.held_on if held else None, today
            )
            if found.outcome in ("", "icpc")
            else None,
        },
    )


def _sibling_enquiries(user: Any, enquiry: Any) -> list[Any]:
    """Enquiries from the same strategy discussion, not yet concluded, that this user may
    record on: they can be given the same findings and outcome at once."""
    others = (
        Enquiry.objects.filter(
            started_by__discussion_id=enquiry.started_by.discussion_id,
            outcome="",
            case__in=visible_cases(user),
        )
        .exclude(pk=enquiry.pk)
        .select_related("case__child", "case__team", "started_by")
        .order_by("case__child__date_of_birth")
    )
    return [e for e in others if may_record_on(user, e.case)]


def _word(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"


# --- Conferences --------------------------------------------------------------------------------


def _conference_children(user: Any, case: Case, kind: str) -> list[tuple[Case, Any]]:
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
def new_conference(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
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
    per_child = []
    for child_case, about in candidates:
        review = kind == ConferenceKind.REVIEW
        if review:
            last = ConferenceChild.objects.filter(plan=about, conference__kind="review")
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
    initial_conference = kind == ConferenceKind.INITIAL
    form = ConferenceForm(
        data,
        # What Kith knows: today, and the chair recording it.
        initial={
            "held_on": timezone.localdate(),
            "chair": request.user.pk if request.user.role == Role.CHAIR else None,  # type: ignore[union-attr]
        },
        per_child=[f for _, _, f in per_child],
        initial_conference=initial_conference,
    )
    # The outline plan's actions: every child's plan starts with them.
    outline: Any = PlanActions(_with_rows(data) if data else None, prefix="actions")
    drafts.quiet_if_put_back(request, form, outline, *(f for _, _, f in per_child))
    if request.method == "POST":
        valid = [form.is_valid(), *(f.is_valid() for _, _, f in per_child)]
        if initial_conference:
            valid.append(outline.is_valid())
        held_on = form.cleaned_data.get("held_on") if valid[0] else None
        for _, _, f in per_child:
            next_on = f.cleaned_data.get("next_review_on") if f.is_valid() else None
            if held_on and next_on and next_on <= held_on:
                f.add_error("next_review_on", "The next review must be after this conference")
                valid.append(False)
        if all(valid):
            decisions = []
            for child_case, about, f in per_child:
                if not f.cleaned_data["decision"]:
                    continue
                if kind == ConferenceKind.INITIAL:
                    problem = rules.conference_date_problem(
                        form.cleaned_data["held_on"], about.started_on
                    )
                    if problem and problem not in form.errors.get("held_on", []):
                        form.add_error("held_on", problem)
                # Left blank, the next review is the latest it may be: 3 months after an
                # initial conference, 6 after a review.
                months = (
                    rules.FIRST_REVIEW_MONTHS if initial_conference else rules.LATER_REVIEW_MONTHS
                )
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
                            by=request.user,  # type: ignore[arg-type]
                            kind=kind,
                            held_on=form.cleaned_data["held_on"],
                            chair=form.cleaned_data["chair"],
                            quorate=form.cleaned_data["quorate"] == "yes",
                            decisions=decisions,
                            outline={**form.outline(), "actions": outline.actions()}
                            if initial_conference
                            else None,
                            request=request,
                            **fields,
                        )
                        done(reverse("protection:conference", args=[conference.pk]))
                except AlreadySent as sent:
                    return _already_sent(request, sent, case)
                except ValidationError as refused:
                    form.add_error(None, refused)
                else:
                    drafts.forget(request)
                    messages.success(request, "The conference is recorded.")
                    _say_if_not_a_working_day(request, conference.held_on)
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


@policy(STAFF)
def conference(request: HttpRequest, pk: int) -> HttpResponse:
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
                by=request.user,  # type: ignore[arg-type]
                cases=cases,
                request=request,
                **form.cleaned_data,
            )
            messages.success(request, "The report is attached.")
            return redirect("protection:conference", found.pk)
    else:
        _looked(request, cases, "conference", pk)
    decisions = list(found.children.filter(case__in=cases).select_related("case__child", "plan"))
    months = rules.FIRST_REVIEW_MONTHS if found.kind == "initial" else rules.LATER_REVIEW_MONTHS
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
            "can_amend": _may_amend(request.user, found, cases),
            "amendments": list(found.amendments.order_by("-at")),
            "form": form if can_attach else None,
            "problems": problems(form) if can_attach else [],
        },
    )


def _may_amend(user: Any, conference: Any, cases: list[Case]) -> bool:
    """A conference covers several children: it is corrected only by someone who sees them all
    and may record for every one."""
    return conference.children.count() == len(cases) and all(
        may_record_conference(user, c) for c in cases
    )


# What an amendment corrects besides whether it was quorate (a yes or no on the page).
AMENDED = (
    "held_on",
    "chair",
    "attendance",
    "apologies",
    "reports_received",
    "social_worker_report",
    "views",
)


@policy(RECORDERS)
def amend_conference(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a conference with a reason; what it said before is kept. A conference covers
    several children, so it is corrected only by someone who may record for every one of
    them."""
    found, cases = get_conference_for(request.user, pk)
    if not _may_amend(request.user, found, cases):
        raise PermissionDenied(
            "This conference covers children whose records you may not change: ask their "
            "worker, their manager or the conference chair."
        )
    form = ConferenceAmendForm(
        drafts.data_for(request),
        cases=cases,
        chair=found.chair,
        initial={
            **found.snapshot(),
            "held_on": found.held_on,
            "chair": found.chair_id,
            "quorate": "yes" if found.quorate else "no",
            "version": found.version,
        },
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in AMENDED}
        try:
            actions.amend_conference(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=data["version"],
                why=data["why"],
                quorate=data["quorate"] == "yes",
                request=request,
                **fields,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except case_actions.EditConflict:
            form.add_error(
                None,
                "Someone else changed this conference after you opened it. Your words are "
                "below and not saved: open it in a new tab to compare, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(request, "The conference is amended. What it said before is kept.")
            _say_if_not_a_working_day(request, found.held_on)
            return redirect("protection:conference", found.pk)
    return render(
        request,
        "protection/form.html",
        {
            "form": form,
            "case": cases[0],
            "title": f"Amend the {found.get_kind_display().lower()}",
            "back_url": reverse("protection:conference", args=[found.pk]),
            "back_label": "conference",
            "problems": problems(form),
            "button": "Save the amendment",
        },
    )


@policy(STAFF)
def enquiry_conference(request: HttpRequest, pk: int) -> HttpResponse:
    """The initial conference that answered an enquiry, to put its date right (where the
    census's check on a conference's date sends the worker)."""
    found = get_enquiry_for(request.user, pk)
    # Linked to the enquiry when recorded in Kith; by date when brought in from a return.
    answered = (
        ConferenceChild.objects.filter(case=found.case, conference__kind="initial")
        .filter(Q(enquiry=found) | Q(conference__held_on__gte=found.started_on))
        .order_by("conference__held_on")
        .first()
    )
    if answered is None:
        return redirect("protection:enquiry", found.pk)
    return redirect("protection:amend_conference", answered.conference_id)


def _saved_for(what: str, records: Sequence[Any]) -> str:
    """'The enquiry is saved.' for one child; '… for Ellie Jones, Sam Jones and Rosa Jones.'
    when written once for several."""
    if len(records) < 2:
        return f"{what}."
    names = [r.case.child.full_name for r in records]
    return f"{what} for {', '.join(names[:-1])} and {names[-1]}."


def _say_if_not_a_working_day(request: HttpRequest, day: Any) -> None:
    if not is_working_day(day):
        messages.warning(
            request,
            f"The conference is dated {day:%A %-d %B %Y}, which is not a working day: the "
            "census will query it. If the date is wrong, amend the conference.",
        )


@policy(STAFF)
def report(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """One attached report, for someone who may see the conference; every opening audited."""
    found, cases = get_conference_for(request.user, pk)
    document = found.reports.filter(pk=report_pk).first()
    if document is None:
        raise Http404("No such report")
    for case in cases:
        record(
            by=request.user,
            verb=Verb.DOCUMENT_OPENED,
            person=case.child,
            detail={"case": case.pk, "conference": found.pk, "report": document.pk},
            request=request,
        )
    return FileResponse(  # type: ignore[return-value]
        document.document.open("rb"), as_attachment=True, filename=document.original_name
    )


@policy(STAFF)
def conference_letter(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    """The conference's outcome for one child, in plain English, as a PDF for the family."""
    from weasyprint import HTML  # needs Pango, which only PDF pages use

    found, cases = get_conference_for(request.user, pk)
    decision = (
        found.children.filter(case__in=[c for c in cases if c.pk == case_pk])
        .select_related("case__child", "plan")
        .first()
    )
    if decision is None:
        raise Http404("No such child at this conference")
    record(
        by=request.user,
        verb=Verb.CONFERENCE_LETTER_PRINTED,
        person=decision.case.child,
        detail={"conference": found.pk},
        request=request,
    )
    html = render_to_string(
        "protection/conference_letter.html",
        {
            "conference": found,
            "decision": decision,
            "case": decision.case,
            "authority_name": settings.KITH_AUTHORITY_NAME,
            "printed": timezone.localdate(),
        },
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="conference-{found.held_on}.pdf"'
    return response


@policy(CHAIRS)
def conferences(request: HttpRequest) -> HttpResponse:
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


# --- The plan --------------------------------------------------------------------------------


@policy(STAFF)
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk)
    _looked(request, [found.case], "child protection plan", pk)
    return render(
        request,
        "protection/plan.html",
        {
            "plan": found,
            "case": found.case,
            "page": plan_page(found, timezone.localdate()),
            "can_record": may_record_on(request.user, found.case),
        },
    )


@policy(RECORDERS)
def edit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk, changeable=True)
    if not found.is_open:
        return redirect("protection:plan", found.pk)
    data = drafts.data_for(request)
    siblings = _sibling_plans(request.user, found)
    form = ProtectionPlanForm(
        data,
        siblings=siblings,
        differing=[p for p in siblings if p.says_otherwise(found)],
        initial={
            "version": found.version,
            "what_must_change": found.what_must_change,
            "contingency": found.contingency,
            "visit_every_working_days": found.visit_every_working_days,
            "core_group_every_weeks": found.core_group_every_weeks,
        },
    )
    current = [
        {"what": a.what, "who": a.who, "by_when": a.by_when, "progress": a.progress, "done": a.done}
        for a in found.actions.filter(replaced_at__isnull=True)
    ]
    rows: Any = PlanActions(data, prefix="actions", initial=current)
    if data is not None:
        rows = PlanActions(_with_rows(data), prefix="actions")
    drafts.quiet_if_put_back(request, form, rows)
    adding = "add_action" in request.POST
    if adding:
        # Another row, nothing saved, no complaints yet: the page just grows.
        for each in (form, *rows.forms):
            each.full_clean()
            each._errors = ErrorDict()
    elif request.method == "POST" and form.is_valid() and rows.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "also")}
        also = form.cleaned_data.get("also") or []
        try:
            actions.update_plans(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=form.cleaned_data["version"],
                also=also,
                actions=rows.actions(),
                request=request,
                **fields,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except case_actions.EditConflict as clash:
            form.add_error(
                None,
                f"Someone else saved {clash.current.case.child.full_name}'s plan after you "
                "opened this page. Your words are below and not saved: open the plan in a new "
                "tab to compare, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(
                request,
                _saved_for("The child protection plan is saved", [found, *(p for p, _ in also)]),
            )
            return redirect("protection:plan", found.pk)
    return render(
        request,
        "protection/edit_plan.html",
        {
            "plan": found,
            "case": found.case,
            "form": form,
            "formset": rows,
            "problems": problems(form, *rows.forms),
        },
    )


def _with_rows(sent: QueryDict) -> Any:
    data = sent.copy()
    raw = str(data.get("actions-TOTAL_FORMS") or "")
    total = min(int(raw), 50) if raw.isdecimal() else 3
    data["actions-TOTAL_FORMS"] = str(max(total, 3) + (1 if "add_action" in data else 0))
    data.setdefault("actions-INITIAL_FORMS", "0")
    return data


def _sibling_plans(user: Any, plan: ProtectionPlan) -> list[ProtectionPlan]:
    """The open child protection plans of the children around this plan's child that this user
    may record on: a plan update or a core group can be written once for them all."""
    cases = [
        c.case for c in children_around(user, plan.case)[1:] if c.case is not None and c.may_record
    ]
    return list(
        ProtectionPlan.objects.filter(case__in=cases, ended_on__isnull=True)
        .exclude(pk=plan.pk)
        .select_related("case__child")
        .prefetch_related("actions")
        .order_by("case__child__date_of_birth")
    )


@policy(RECORDERS)
def end_plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk, changeable=True)
    form = EndPlanForm(drafts.data_for(request), initial={"version": found.version})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_plan(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=form.cleaned_data["version"],
                ended_on=form.cleaned_data["ended_on"],
                end_reason=form.cleaned_data["end_reason"],
                end_note=form.cleaned_data["end_note"],
                request=request,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except case_actions.EditConflict:
            form.add_error(None, "Someone else changed this plan: open it again and retry.")
        else:
            drafts.forget(request)
            messages.success(request, "The child protection plan has ended.")
            return redirect("protection:plan", found.pk)
    return render(
        request,
        "protection/form.html",
        {
            "form": form,
            "case": found.case,
            "title": "End the child protection plan",
            "back": found,
            "problems": problems(form),
            "button": "End the plan",
        },
    )


@policy(RECORDERS)
def new_core_group(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk, changeable=True)
    form = CoreGroupForm(
        drafts.data_for(request),
        initial={"held_on": timezone.localdate()},
        case=found.case,
        siblings=_sibling_plans(request.user, found),
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {k: v for k, v in form.cleaned_data.items() if k != "also"}
            also = [plan for plan, _ in form.cleaned_data.get("also") or []]
            with sent_once(request) as done:
                actions.record_core_groups(
                    found,
                    by=request.user,  # type: ignore[arg-type]
                    also=also,
                    request=request,
                    **fields,
                )
                done(reverse("protection:plan", args=[found.pk]))
        except AlreadySent as sent:
            return _already_sent(request, sent, found.case)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            drafts.forget(request)
            messages.success(
                request, _saved_for("The core group meeting is recorded", [found, *also])
            )
            return redirect("protection:plan", found.pk)
    return render(
        request,
        "protection/form.html",
        {
            "form": form,
            "case": found.case,
            "title": "Record a core group meeting",
            "back": found,
            "problems": problems(form),
            "button": "Save the meeting",
        },
    )
