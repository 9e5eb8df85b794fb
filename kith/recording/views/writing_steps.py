"""Each step of writing a record, one handler a step: autosave, add a row (a plan's action),
save a draft, submit, update an agreed plan, or keep an update of it not yet saved. The page
(views/writing.py) chooses the step by the button pressed; each calls its action, then
redirects, or shows the page again with what was typed and why it is not saved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from kith.cases.actions import EditConflict
from kith.recording import actions
from kith.recording.models import Record
from kith.recording.views.write_page import Sent, done_message, forms_for, render_write

PLAN_NOT_UPDATED = "Your changes are kept, but the plan is not updated until you save it."


def autosave(sent: Sent) -> JsonResponse:
    """Keep what was typed in the record's draft, for the page's draft keeper
    (frontend/drafts.js): when, the record's number and version, and where its words are kept
    from now on; or why not (someone else saved it, or it is finished)."""
    try:
        record = actions.autosave(
            sent.record,
            model=sent.kind.model,
            case=sent.case,
            by=sent.by,
            version=sent.version,
            typed=sent.typed,
            token=sent.token,
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
            "key": reverse("recording:edit", args=[sent.kind.slug, record.pk]),
        }
    )


def add_row(sent: Sent) -> HttpResponse:
    """Another row for a plan's actions: what was typed is kept first (saved as a draft, or,
    for an agreed plan, kept but not yet the plan), then the page opens with a blank row more."""
    if sent.updating:
        record = _keep_typed(sent)
        messages.info(sent.request, PLAN_NOT_UPDATED)
    else:
        record, _ = _draft(sent)
    return redirect(reverse("recording:edit", args=[sent.kind.slug, record.pk]) + "?more=1")


def save_draft(sent: Sent) -> HttpResponse:
    """Save as a draft, then back to the case; or, with an answer that cannot be right, the
    page again (saved) with that answer marked."""
    record, valid = _draft(sent)
    if valid:
        messages.success(sent.request, f"Your draft {sent.kind.name} is saved.")
        return redirect("recording:case", sent.case.pk)
    messages.info(sent.request, "Saved as a draft. Check the answers marked below.")
    return show_again(sent, record)


def submit(sent: Sent) -> HttpResponse:
    """Submit the record, then show it; or, when it is not ready, keep what was typed and show
    the page again with what is missing."""
    values, rows, valid = _answers(sent)
    if not valid:
        return _not_finished(sent, [])
    try:
        record = actions.submit_record(
            sent.record,
            model=sent.kind.model,
            case=sent.case,
            by=sent.by,
            version=sent.version,
            values=values,
            actions=rows,
            token=sent.token,
        )
    except ValidationError as refused:
        return _not_finished(sent, refused.messages)
    messages.success(sent.request, done_message(record))
    return redirect("recording:record", sent.kind.slug, record.pk)


def update_agreed_plan(sent: Sent) -> HttpResponse:
    """Save the whole update of an agreed plan, then show it; or, when it is not ready, keep
    what was typed (not yet the plan) and show the page again with what is missing."""
    values, rows, valid = _answers(sent)
    if not valid:
        return _not_finished(sent, [])
    plan = sent.record
    assert plan is not None and plan.living  # only a plan (a living record) is updated
    try:
        plan = actions.update_agreed_plan(
            plan,
            by=sent.by,
            version=sent.version,
            values=values,
            actions=rows,
        )
    except ValidationError as refused:
        return _not_finished(sent, refused.messages)
    messages.success(sent.request, done_message(plan))
    return redirect("recording:record", sent.kind.slug, plan.pk)


def keep_plan_update(sent: Sent) -> HttpResponse:
    """An agreed plan is never a draft: saving keeps what was typed, but the plan stays as
    agreed until the whole update is saved, and the page says so."""
    record = _keep_typed(sent)
    messages.info(sent.request, PLAN_NOT_UPDATED)
    return show_again(sent, record)


def show_again(
    sent: Sent,
    record: Record | None,
    *,
    problems: list[str] | None = None,
    conflict: Record | None = None,
) -> HttpResponse:
    """The page again with what was typed and its problems, on the version the record is at
    now (or the next save would look stale)."""
    data = sent.request.POST.copy()
    current = conflict or record
    if current is not None:
        data["version"] = str(current.version)
    form, formset = forms_for(
        sent.request, sent.kind, sent.case, record, data=data, submitting=sent.submitting
    )
    form.is_valid()
    if formset is not None:
        formset.is_valid()
    for problem in problems or []:
        form.add_error(None, problem)
    return render_write(sent.request, sent.case, sent.kind, record, form, formset, conflict)


def _answers(sent: Sent) -> tuple[dict[str, Any], list[dict[str, Any]] | None, bool]:
    """What was sent, checked: the answers that are right so far, a plan's actions (None for a
    record that has none), and whether everything is right."""
    form, formset = forms_for(
        sent.request,
        sent.kind,
        sent.case,
        sent.record,
        data=sent.request.POST,
        submitting=sent.submitting,
    )
    valid = form.is_valid() and (formset is None or formset.is_valid())
    rows = formset.actions() if formset is not None else None
    return form.values(), rows, valid


def _keep_typed(sent: Sent) -> Record:
    """Keep exactly what was typed in the draft, and change nothing else."""
    return actions.autosave(
        sent.record,
        model=sent.kind.model,
        case=sent.case,
        by=sent.by,
        version=sent.version,
        typed=sent.typed,
        token=sent.token,
    )


def _not_finished(sent: Sent, problems: list[str]) -> HttpResponse:
    """Not ready to finish: keep exactly what was typed, change nothing else, and say why."""
    return show_again(sent, _keep_typed(sent), problems=problems)


def _draft(sent: Sent) -> tuple[Record, bool]:
    """What was typed, saved as a draft; and whether every answer could be right."""
    values, rows, valid = _answers(sent)
    record = actions.save_draft(
        sent.record,
        model=sent.kind.model,
        case=sent.case,
        by=sent.by,
        version=sent.version,
        values=values,
        typed=sent.typed,
        actions=rows,
        token=sent.token,
    )
    return record, valid
