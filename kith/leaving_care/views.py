"""The leaving care pages: setting up a young person's support, their leaving care page (status,
personal adviser, contact, the birthday checks, staying put or close, the pathway plan), each
change on a short page of its own, the letter to the young person, and the caseload of care
leavers with who is due contact."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, Policy, SignedInRequest, policy
from kith.accounts.roles import MANAGING_ROLES, Role
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.care.views.shared import form_page, save, step_page
from kith.cases.access import get_case_for, may_record_on
from kith.drafts import actions as drafts
from kith.leaving_care import actions
from kith.leaving_care.access import get_leaver_for
from kith.leaving_care.caseload import caseload
from kith.leaving_care.deadlines import leaving_care_deadlines
from kith.leaving_care.forms import (
    ArrangementForm,
    BirthdayCheckForm,
    ContactForm,
    EndForm,
    StartForm,
    SupportForm,
)
from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.leaving_care.queries import leaving, status_of
from kith.leaving_care.rules import AGES, window
from kith.leaving_care.status import nth
from kith.lib.pdf import pdf_response
from kith.lib.timescales import standing

CHANGED_MEANWHILE = (
    "Someone else changed this young person's leaving care support after you opened this page. "
    "Your answers are below and have not been saved: open their leaving care page in a new tab "
    "to see what changed, then save again."
)


@policy(RECORDERS)
def start(request: SignedInRequest, pk: int) -> HttpResponse:
    case = get_case_for(request.user, pk, changeable=True)
    already = CareLeaver.objects.filter(child_id=case.child_id, ended_on__isnull=True).first()
    if already is not None:
        messages.info(request, "This young person already has leaving care support: here it is.")
        return redirect("leaving_care:leaver", already.pk)
    if not case.is_open:
        messages.error(request, "This case is closed. Support is recorded in an open case.")
        return redirect("recording:case", case.pk)
    today = timezone.localdate()
    form = StartForm(drafts.data_for(request), initial={"started_on": today})
    found = status_of(case.child, today)
    back = reverse("recording:case", args=[case.pk])
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            leaver = actions.start_support(case, by=request.user, **form.cleaned_data)
            return reverse("leaving_care:leaver", args=[leaver.pk])

        done = save(request, form, do, "Leaving care support is recorded.", CHANGED_MEANWHILE)
        if done:
            return done
    return form_page(
        request,
        case,
        form,
        title=f"Leaving care support for {case.child.full_name}",
        button="Record the support",
        back=back,
        back_label="Back to the case",
        intro=(
            f"From their care history, {case.child.full_name} is {found.label.lower()}."
            if found
            else f"From their care history, {case.child.full_name} is not a care leaver."
        ),
    )


@policy(STAFF)
def leaver(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_leaver_for(request.user, pk)
    today = timezone.localdate()
    shown = leaving(found.child, today, found)
    record(
        by=request.user,
        verb=Verb.LEAVING_CARE_VIEWED,
        person=found.child,
        detail={"case": found.case_id, "leaver": found.pk},
    )
    due = [
        (w, standing(w.due_on, w.done_on, today))
        for w in leaving_care_deadlines([found.case_id])
        if w.done_on is None
    ]
    return render(
        request,
        "leaving_care/leaver.html",
        {
            "case": found.case,
            "found": found,
            "shown": shown,
            "due": sorted(due, key=lambda d: d[0].due_on),
            "can_record": may_record_on(request.user, found.case) and found.is_open,
            "today": today,
        },
    )


def _change(
    request: SignedInRequest, found: CareLeaver, form: Any, act: Callable[[], object], **page: Any
) -> HttpResponse:
    """A short page recording one thing, then back to the young person's leaving care page."""
    back = reverse("leaving_care:leaver", args=[found.pk])
    return step_page(
        request,
        found.case,
        form,
        act,
        back=back,
        back_label="Back to leaving care",
        changed_meanwhile=CHANGED_MEANWHILE,
        **page,
    )


@policy(RECORDERS)
def support(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_leaver_for(request.user, pk, changeable=True)
    initial = {
        "version": found.version,
        "adviser": found.adviser_id,
        "adviser_since": found.adviser_since,
        "to_25_asked_on": found.to_25_asked_on,
    }
    form = SupportForm(drafts.data_for(request), initial=initial)
    return _change(
        request,
        found,
        form,
        lambda: actions.change_support(found, by=request.user, **form.cleaned_data),
        success="The support is saved.",
        title="Personal adviser and support to 25",
        button="Save",
    )


@policy(RECORDERS)
def end(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_leaver_for(request.user, pk, changeable=True)
    if not found.is_open:
        messages.info(request, "This support has already ended.")
        return redirect("leaving_care:leaver", found.pk)
    form = EndForm(drafts.data_for(request), initial={"version": found.version})
    return _change(
        request,
        found,
        form,
        lambda: actions.end_support(found, by=request.user, **form.cleaned_data),
        success="The end of support is recorded.",
        title=f"{found.child.full_name}'s leaving care support ends",
        button="Record the end of support",
    )


@policy(RECORDERS)
def contact(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_leaver_for(request.user, pk, changeable=True)
    form = ContactForm(drafts.data_for(request))
    return _change(
        request,
        found,
        form,
        lambda: actions.record_contact(found, by=request.user, **form.cleaned_data),
        success="The contact is recorded.",
        title=f"Contact with {found.child.full_name}",
        button="Record the contact",
    )


@policy(RECORDERS)
def birthday(request: SignedInRequest, pk: int, age: int) -> HttpResponse:
    found = get_leaver_for(request.user, pk, changeable=True)
    born = found.child.date_of_birth
    if age not in AGES or born is None:
        raise Http404("No such birthday check")
    check = BirthdayCheck.objects.filter(leaver=found, age=age).first()
    initial: dict[str, Any] = {}
    if check is not None:
        initial = {
            "version": check.version,
            "checked_on": check.checked_on,
            "in_touch": check.in_touch,
            "activity": check.activity,
            "accommodation": check.accommodation,
            "suitable": {True: "yes", False: "no", None: ""}[check.suitable],
            "note": check.note,
        }
    form = BirthdayCheckForm(drafts.data_for(request), initial=initial)
    if check is not None:
        form.fields["version"].required = True
    first, last = window(born, age)
    return _change(
        request,
        found,
        form,
        lambda: actions.record_birthday_check(
            found,
            by=request.user,
            check=check,
            version=form.cleaned_data.get("version"),
            age=age,
            **form.values(),
        ),
        success=(
            f"How {found.child.first_name} is doing"
            if found.child.first_name
            else "How they are doing"
        )
        + f" around their {nth(age)} birthday is recorded.",
        title=f"Around {found.child.full_name}'s {nth(age)} birthday",
        button="Save",
        intro=f"Find out between {first:%-d %B %Y} and {last:%-d %B %Y}: whether we are in "
        "touch, what they mainly do, and where they live.",
    )


@policy(RECORDERS)
def arrangement(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_leaver_for(request.user, pk, changeable=True)
    form = ArrangementForm(drafts.data_for(request))
    return _change(
        request,
        found,
        form,
        lambda: actions.record_arrangement(found, by=request.user, **form.cleaned_data),
        success="The arrangement is recorded.",
        title="Staying put or staying close",
        button="Record the arrangement",
    )


@policy(RECORDERS)
def letter(request: SignedInRequest, pk: int) -> HttpResponse:
    """The pathway plan and what the young person is entitled to, written to them: printed by
    those who work with them (it goes to the young person)."""
    found = get_leaver_for(request.user, pk, changeable=True)
    today = timezone.localdate()
    shown = leaving(found.child, today, found)
    record(
        by=request.user,
        verb=Verb.LETTER_PRINTED,
        person=found.child,
        detail={"case": found.case_id, "leaver": found.pk},
    )
    return pdf_response(
        request,
        "leaving_care/letter.html",
        {
            "found": found,
            "shown": shown,
            "authority_name": settings.KITH_AUTHORITY_NAME,
            "printed": today,
        },
        filename=f"my-pathway-plan-{today}.pdf",
    )


CARE_LEAVER_LISTS = Policy(
    "care_leaver_lists",
    "Personal advisers (their young people), team managers and heads of service (their teams')",
    lambda u: u.role in {Role.PERSONAL_ADVISER, *MANAGING_ROLES},
)


@policy(CARE_LEAVER_LISTS)
def leavers(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "leaving_care/caseload.html",
        {"rows": caseload(request.user, today), "today": today},
    )
