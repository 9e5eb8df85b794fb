"""The case page and every record in it. Thin: access, form, action, then redirect or render.
Every form keeps its draft as the worker types (frontend/drafts.js) and also works as a plain
POST without JavaScript."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kith.accounts.policies import MANAGERS, RECORDERS, STAFF, policy
from kith.audit.log import record as audit
from kith.audit.verbs import Verb
from kith.cases.access import (
    get_case_for,
    may_allocate,
    may_authorise,
    may_record_on,
    teams_led_by,
)
from kith.cases.actions import EditConflict
from kith.cases.models import Case
from kith.drafts import actions as drafts
from kith.lib.forms import problems
from kith.recording import actions
from kith.recording.access import get_record_for
from kith.recording.forms import AmendmentForm, PlanActions, PlanReviewForm, ReturnForm
from kith.recording.kinds import KINDS, Kind, kind_of
from kith.recording.models import ChildInNeedPlan, Record, RecordVersion, Status
from kith.recording.queries import case_page, waiting_for
from kith.recording.reading import answers_of, as_data, initial_of

NOT_TYPED = {"csrfmiddlewaretoken", "action", "record", "token"}
# More actions than any plan needs: a typed or tampered row count cannot make a huge page.
MAX_ACTIONS = 50
TODAY_BY_DEFAULT = {
    "visit": ("visited_on",),
    "note": ("happened_on_date",),
    "plan": ("starts_on",),
    "closure": ("closed_on",),
}


def _looked(request: HttpRequest, case: Case, what: str, record: Record | None = None) -> None:
    detail: dict[str, Any] = {"case": case.pk, "page": what}
    if record is not None:
        detail["record"] = f"{record.kind} {record.pk}"
    audit(
        by=request.user,
        verb=Verb.RECORD_VIEWED if record else Verb.CASE_VIEWED,
        person=case.child,
        detail=detail,
        request=request,
    )


@policy(STAFF)
def case(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_case_for(request.user, pk)
    _looked(request, found, "case")
    today = timezone.localdate()
    return render(
        request,
        "recording/case.html",
        {
            "case": found,
            "page": case_page(found, today),
            "today": today,
            "kinds": KINDS,
            "can_record": may_record_on(request.user, found),
            "can_allocate": may_allocate(request.user, found),
        },
    )


# --- Writing a record -------------------------------------------------------------------------


# Longer than any answer anyone types; a draft is not a place to store files.
MAX_TYPED = 100_000


def _typed(request: HttpRequest, kind: Kind) -> dict[str, list[str]]:
    """Exactly what was typed into the form's own questions, to keep in the draft: names no
    form has are dropped, and so are NUL characters (no text needs one; a database refuses
    them)."""
    questions = set(kind.form.base_fields) - NOT_TYPED

    def asked(name: str) -> bool:
        if name in questions:
            return True
        if kind.has_actions and name.startswith("actions-"):
            return True
        # Questions with parts, such as a date's day, month and year boxes.
        return any(name.startswith(f"{q}_") for q in questions)

    return {
        name: [v.replace("\x00", "")[:MAX_TYPED] for v in values[: MAX_ACTIONS * 2]]
        for name, values in request.POST.lists()
        if name not in NOT_TYPED and asked(name)
    }


def _initial(record: Record | None, kind: Kind) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if record is None:
        # Most records are written the same day: start them on today, easily changed.
        today = timezone.localdate()
        return dict.fromkeys(TODAY_BY_DEFAULT.get(kind.slug, ()), today), []
    values = initial_of(record)
    actions_now = []
    if isinstance(record, ChildInNeedPlan):
        actions_now = [a.snapshot() for a in record.current_actions()]
        for action in actions_now:
            if action["by_when"]:
                action["by_when"] = date.fromisoformat(str(action["by_when"]))
    return values, actions_now


def _forms(
    request: HttpRequest,
    kind: Kind,
    case: Case,
    record: Record | None,
    *,
    data: QueryDict | None,
    submitting: bool = False,
    rows: int = 0,
) -> tuple[Any, Any]:
    initial, actions_now = _initial(record, kind)
    form = kind.form(data, case=case, submitting=submitting, initial=initial)
    formset = None
    if kind.has_actions:
        if data is not None:
            data = data.copy()
            raw_total = str(data.get("actions-TOTAL_FORMS") or "")
            total = min(int(raw_total), MAX_ACTIONS) if raw_total.isdecimal() else 0
            data["actions-TOTAL_FORMS"] = str(max(total, 3) + rows)
            data.setdefault("actions-INITIAL_FORMS", "0")
            formset = PlanActions(data, prefix="actions")
        else:
            formset = PlanActions(prefix="actions", initial=actions_now)
            formset.extra = rows
    return form, formset


def _write(request: HttpRequest, case: Case, kind: Kind, record: Record | None) -> HttpResponse:
    """The one page every record is written on, new or draft (or an agreed plan's update)."""
    posted = request.method == "POST"
    action = request.POST.get("action", "save") if posted else ""
    version = _version(request)
    if record is not None and version is None:
        version = 0  # a page about a record that does not say which version: never current
    typed = _typed(request, kind)
    token = request.POST.get("token", "")
    by: Any = request.user
    if action == "autosave":
        return _autosave(request, case, kind, record, version, typed, token)
    if record is not None and record.is_locked:
        messages.info(request, "This record is finished. To correct it, make an amendment.")
        return redirect("recording:record", kind.slug, record.pk)
    if not posted:
        data = as_data(record.draft, record.version) if record and record.draft else None
        rows = 1 if request.GET.get("more") else 0
        form, formset = _forms(request, kind, case, record, data=data, rows=rows)
        return _render_write(request, case, kind, record, form, formset, None)

    updating = record is not None and record.living and record.is_final
    submitting = action == "submit"
    form, formset = _forms(request, kind, case, record, data=request.POST, submitting=submitting)
    valid = form.is_valid() and (formset is None or formset.is_valid())
    actions_typed = formset.actions() if formset is not None else None
    problems: list[str] = []
    conflict = None
    try:
        if submitting and valid:
            try:
                record = actions.save(
                    record,
                    model=kind.model,
                    case=case,
                    by=by,
                    version=version,
                    values=form.values(),
                    typed={},
                    actions=actions_typed,
                    submit=True,
                    token=token,
                    request=request,
                )
            except ValidationError as refused:
                problems = refused.messages
            else:
                messages.success(request, _done_message(record))
                return redirect("recording:record", kind.slug, record.pk)
        if submitting or updating:
            # Not ready, or an agreed plan (which changes only when an update is saved in
            # full): keep exactly what was typed, change nothing else.
            record = actions.autosave(
                record,
                model=kind.model,
                case=case,
                by=by,
                version=version,
                typed=typed,
                token=token,
            )
            if updating and not submitting:
                messages.info(
                    request, "Your changes are kept, but the plan is not updated until you save it."
                )
        else:
            record = actions.save(
                record,
                model=kind.model,
                case=case,
                by=by,
                version=version,
                values=form.values(),
                typed=typed,
                actions=actions_typed,
                token=token,
                request=request,
            )
            if valid and action != "add_action":
                messages.success(request, f"Your draft {kind.name} is saved.")
                return redirect("recording:case", case.pk)
            if action != "add_action":
                messages.info(request, "Saved as a draft. Check the answers marked below.")
        if action == "add_action":
            return redirect(reverse("recording:edit", args=[kind.slug, record.pk]) + "?more=1")
    except actions.AlreadySaved as done:
        messages.info(request, f"The {kind.name} was already saved.")
        return redirect("recording:record", kind.slug, done.record.pk)
    except ValidationError as refused:
        problems = refused.messages
    except EditConflict as clash:
        conflict = clash.current
        problems = [
            "Someone else saved this record after you opened it. Your version is below and has "
            "not been saved: compare it with theirs, then save again."
        ]
    # Show the page again with what was typed, on the version the record is at now (or the
    # next save would look stale).
    data = request.POST.copy()
    current = conflict or record
    if current is not None:
        data["version"] = str(current.version)
    form, formset = _forms(request, kind, case, record, data=data, submitting=submitting)
    form.is_valid()
    if formset is not None:
        formset.is_valid()
    for problem in problems:
        form.add_error(None, problem)
    return _render_write(request, case, kind, record, form, formset, conflict)


def _version(request: HttpRequest) -> int | None:
    """The version the page was opened on; None when it sent none (a page that has not yet
    made its record), 0 for anything that is not a number (never a record's version)."""
    raw = request.POST.get("version", "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdecimal() and len(raw) < 10 else 0


def _autosave(
    request: HttpRequest,
    case: Case,
    kind: Kind,
    record: Record | None,
    version: int | None,
    typed: dict[str, Any],
    token: str,
) -> JsonResponse:
    """Keep what was typed in the record's draft, for the page's draft keeper
    (frontend/drafts.js): when, the record's number and version, and where its words are kept
    from now on; or why not (someone else saved it, or it is finished)."""
    try:
        record = actions.autosave(
            record,
            model=kind.model,
            case=case,
            by=request.user,  # type: ignore[arg-type]
            version=version,
            typed=typed,
            token=token,
            request=request,
        )
    except EditConflict:
        return JsonResponse({"state": "conflict"}, status=409)
    except ValidationError:
        return JsonResponse({"state": "locked"}, status=409)
    return JsonResponse(
        {
            "state": "saved",
            "saved_at": f"{timezone.localtime(record.updated_at):%H:%M}",
            "record": record.pk,
            "version": record.version,
            "key": reverse("recording:edit", args=[kind.slug, record.pk]),
        }
    )


def _done_message(record: Record) -> str:
    if record.needs_authorisation:
        return f"Your {record.title.lower()} is submitted. Your manager will authorise it."
    if record.living:
        return f"The {record.title.lower()} is saved."
    return f"The {record.title.lower()} is recorded."


def _render_write(
    request: HttpRequest,
    case: Case,
    kind: Kind,
    record: Record | None,
    form: Any,
    formset: Any,
    conflict: Record | None,
) -> HttpResponse:
    if record is None:
        title = kind.start
    elif record.living and record.is_final:
        title = f"Update the {kind.name}"
    else:
        title = f"{kind.start}: draft".replace("Start a ", "").capitalize()
    token = request.POST.get("token") or (record.form_token if record else "") or uuid4().hex
    return render(
        request,
        "recording/write.html",
        {
            "case": case,
            "kind": kind,
            "record": record,
            "form": form,
            "formset": formset,
            "problems": problems(form, *(formset.forms if formset is not None else [])),
            "title": title,
            "token": token,
            "conflict": conflict,
            "theirs": answers_of(conflict, kind, case) if conflict else None,
            "saved_at": timezone.localtime(record.updated_at) if record else None,
        },
    )


@policy(RECORDERS)
def new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    found = get_case_for(request.user, pk, changeable=True)
    chosen = kind_of(kind)
    if not found.is_open:
        messages.error(
            request,
            "This case is closed. A new worry about the child starts with a new contact.",
        )
        return redirect("recording:case", found.pk)
    mine = chosen.model._default_manager.filter(case=found, author_id=request.user.pk)
    if request.method == "GET" and request.GET.get("fresh") != "1":
        # A draft already started is offered first, so drafts do not multiply.
        started = list(mine.filter(status=Status.DRAFT).order_by("-updated_at"))
        if started:
            return render(
                request,
                "recording/offer_draft.html",
                {"case": found, "kind": chosen, "started": started},
            )
    record = None
    # The page carries the draft's number after its first autosave. Before that, its token
    # (from the moment it opened) finds the record a first press of Save made: inside the
    # save's transaction (recording/actions.py), so two at once never make two.
    draft = request.POST.get("record", "")
    if draft.isdecimal():
        record = mine.filter(pk=int(draft)).first()
        if record is not None and record.is_locked:
            messages.info(request, f"The {chosen.name} was already saved.")
            return redirect("recording:record", chosen.slug, record.pk)
    return _write(request, found, chosen, record)


@policy(RECORDERS)
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    if not may_record_on(request.user, record.case):
        raise PermissionDenied("Only the allocated worker's team can change this record.")
    return _write(request, record.case, chosen, record)


# --- Reading, authorising, amending -----------------------------------------------------------


@policy(STAFF)
def show(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    found = record.case
    _looked(request, found, chosen.name, record)
    today = timezone.localdate()
    page = case_page(found, today)
    return render(
        request,
        "recording/record.html",
        {
            "case": found,
            "kind": chosen,
            "record": record,
            "answers": answers_of(record, chosen, found),
            "steps": page.steps,
            "can_record": may_record_on(request.user, found),
            "can_authorise": may_authorise(request.user, found)
            and record.author_id != request.user.pk,
            "return_form": ReturnForm(),
            "versions": RecordVersion.objects.filter(kind=record.kind, record_id=record.pk).count(),
            # The census's rules name the records they are about like this (returns/rules.py).
            "census_about": f"{chosen.slug} {record.pk}",
        },
    )


@policy(MANAGERS)
@require_POST
def decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Authorise a record, or return it to the worker with comments."""
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    version = _version(request) or 0  # a decision must say which version it read
    back = request.POST.get("back") == "waiting"
    try:
        if request.POST.get("decision") == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Say what needs to change before returning the record.")
                return redirect("recording:record", chosen.slug, record.pk)
            actions.return_to_worker(
                record,
                by=request.user,  # type: ignore[arg-type]
                version=version,
                comments=form.cleaned_data["comments"],
                request=request,
            )
            messages.success(request, f"The {chosen.name} is returned to {record.author}.")
        else:
            actions.authorise(record, by=request.user, version=version, request=request)  # type: ignore[arg-type]
            messages.success(request, f"The {chosen.name} is authorised.")
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    except EditConflict:
        messages.error(
            request, "The record changed while you were reading it. Read it again, then decide."
        )
    if back:
        return redirect("recording:waiting")
    return redirect("recording:record", chosen.slug, record.pk)


@policy(RECORDERS)
def amend(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Correct a finished record: the same questions, plus why."""
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    found = record.case
    if not may_record_on(request.user, found):
        raise PermissionDenied("Only the allocated worker's team can amend this record.")
    if not record.is_final or record.living:
        return redirect("recording:record", chosen.slug, record.pk)
    initial = _initial(record, chosen)[0]
    data = drafts.data_for(request)
    form = chosen.form(data, case=found, submitting=True, initial=initial)
    why = AmendmentForm(data)
    drafts.quiet_if_put_back(request, form, why)
    conflict = None
    if request.method == "POST" and form.is_valid() and why.is_valid():
        try:
            actions.amend(
                record,
                by=request.user,  # type: ignore[arg-type]
                version=_version(request) or 0,
                values=form.values(),
                why=why.cleaned_data["why"],
                request=request,
            )
        except EditConflict as clash:
            conflict = clash.current
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form = chosen.form(data, case=found, submitting=True, initial=initial)
            form.is_valid()
            form.add_error(
                None,
                "Someone else changed this record after you opened it. Their version is shown; "
                "yours is below and has not been saved: check it, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(request, f"The {chosen.name} is amended. The original is kept.")
            return redirect("recording:record", chosen.slug, record.pk)
    found_problems = problems(why, form)
    return render(
        request,
        "recording/amend.html",
        {
            "case": found,
            "kind": chosen,
            "record": record,
            "form": form,
            "why": why,
            "problems": found_problems,
            "conflict": conflict,
            "theirs": answers_of(conflict, chosen, found) if conflict else None,
        },
    )


@policy(STAFF)
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Every saved version of the record, with what changed each time."""
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    _looked(request, record.case, f"{chosen.name} history", record)
    versions = list(
        RecordVersion.objects.filter(kind=record.kind, record_id=record.pk).select_related("by")
    )
    fields = chosen.form.base_fields
    labels = {name: str(field.label) for name, field in fields.items()} | {"actions": "Actions"}
    words = {
        name: {str(k): str(v) for k, v in getattr(field, "choices", [])}
        for name, field in fields.items()
    }
    rows = []
    before: dict[str, Any] = {}
    for version in versions:
        changed = [
            (
                labels.get(name, name),
                _plain(before.get(name), words.get(name, {})),
                _plain(value, words.get(name, {})),
            )
            for name, value in version.values.items()
            if before.get(name) != value
        ]
        rows.append((version, changed))
        before = version.values
    return render(
        request,
        "recording/history.html",
        {"case": record.case, "kind": chosen, "record": record, "rows": list(reversed(rows))},
    )


def _plain(value: Any, words: dict[str, str]) -> str:
    """A saved answer in words: codes as their labels, dates as dates, actions as a list."""
    if value in (None, "", []):
        return "(blank)"
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(f"{a.get('what')} ({a.get('who')})" for a in value)
    if isinstance(value, list):
        return "; ".join(words.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return f"{date.fromisoformat(value):%-d %B %Y}"
        except ValueError:
            pass
    return words.get(str(value), str(value))


# --- Plans ----------------------------------------------------------------------------------


@policy(RECORDERS)
def review_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_record_for(request.user, KINDS["plan"], pk)
    assert isinstance(plan, ChildInNeedPlan)
    if not may_record_on(request.user, plan.case):
        raise PermissionDenied("Only the allocated worker's team can review this plan.")
    form = PlanReviewForm(
        drafts.data_for(request), plan_start=plan.starts_on, initial={"version": plan.version}
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.review_plan(
                plan,
                by=request.user,  # type: ignore[arg-type]
                version=form.cleaned_data["version"],
                request=request,
                **fields,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except EditConflict:
            form.add_error(
                None, "The plan changed after you opened this page: reload it and try again."
            )
        else:
            drafts.forget(request)
            messages.success(request, "The review is recorded.")
            return redirect("recording:record", "plan", plan.pk)
    return render(
        request,
        "recording/review.html",
        {"case": plan.case, "plan": plan, "form": form},
    )


@policy(STAFF)
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan in plain English, as a PDF the family can keep."""
    from weasyprint import HTML  # needs Pango, which only PDF pages use

    plan = get_record_for(request.user, KINDS["plan"], pk)
    assert isinstance(plan, ChildInNeedPlan)
    if not plan.is_final:
        raise Http404("A plan is printed for the family once it is agreed")
    audit(
        by=request.user,
        verb=Verb.PLAN_PRINTED,
        person=plan.case.child,
        detail={"case": plan.case_id, "record": f"plan {plan.pk}"},
        request=request,
    )
    html = render_to_string(
        "recording/plan_pdf.html",
        {
            "plan": plan,
            "case": plan.case,
            "actions": plan.current_actions(),
            "reviews": list(plan.reviews.all()),
            "printed": timezone.localdate(),
            "authority_name": settings.KITH_AUTHORITY_NAME,
        },
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.case.reference}.pdf"'
    return response


# --- A manager's work ---------------------------------------------------------------------------


@policy(MANAGERS)
def waiting(request: HttpRequest) -> HttpResponse:
    """Everything waiting for this manager's authorisation, oldest first, each with authorise
    and return in place."""
    teams = list(teams_led_by(request.user).values_list("pk", flat=True))
    records = waiting_for(request.user, teams)
    return render(
        request,
        "recording/waiting.html",
        {"records": records, "return_form": ReturnForm(), "today": timezone.localdate()},
    )
