"""The looked-after child's pages: coming into care (brothers and sisters together), the care
page (placements as a timeline, stability, episodes, reviews, missing, health and education),
a move, a new legal status, the period's details, and the end of care."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.care import actions, checks
from kith.care.access import get_period_for, may_review
from kith.care.codes import TEMPORARY
from kith.care.forms import (
    ComeIntoCareForm,
    DetailsForm,
    EndCareForm,
    LegalStatusForm,
    MoveForm,
)
from kith.care.models import CarePeriod
from kith.care.queries import due_for, looked_after, period_shown
from kith.care.views.shared import form_page, save
from kith.cases.access import get_case_for, may_record_on
from kith.drafts import actions as drafts
from kith.protection.family import children_around
from kith.protection.models import ProtectionPlan


@policy(RECORDERS)
def come_into_care(request: SignedInRequest, pk: int) -> HttpResponse:
    case = get_case_for(request.user, pk, changeable=True)
    already = CarePeriod.objects.filter(child_id=case.child_id, ended_on__isnull=True).first()
    if already is not None:
        # No name in a message: it is shown on the next page, which may not read the child.
        messages.info(request, "This child is already looked after: here is their care.")
        return redirect("care:period", already.pk)
    if not case.is_open:
        messages.error(request, "This case is closed. A new worry starts with a new contact.")
        return redirect("recording:case", case.pk)
    family = children_around(request.user, case)[1:]
    looked = set(
        CarePeriod.objects.filter(
            ended_on__isnull=True, child_id__in=[c.person.pk for c in family]
        ).values_list("child_id", flat=True)
    )
    around = [
        c for c in family if c.case is not None and c.may_record and c.person.pk not in looked
    ]
    siblings = [
        (str(c.case.pk), f"{c.person.full_name} ({c.how.lower()})") for c in around if c.case
    ]
    on_plan = ProtectionPlan.objects.filter(case=case, ended_on__isnull=True).exists()
    form = ComeIntoCareForm(
        drafts.data_for(request),
        initial={"need": case.primary_need if case.primary_need not in ("N0", "N9") else ""},
        siblings=siblings,
        on_plan=on_plan,
    )
    form.child = case.child
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {int(pk) for pk in data.get("also") or []}
        cases = [case, *(c.case for c in around if c.case and c.case.pk in chosen)]

        def do() -> str:
            periods = actions.come_into_care(
                cases,
                by=request.user,
                coming=actions.Coming(
                    started_on=data["started_on"],
                    legal_status=data["legal_status"],
                    need=data["need"],
                    previous_permanence=data["previous_permanence"],
                    placement=form.placement(),
                    unaccompanied=data["unaccompanied"],
                    iro=data.get("iro"),
                    end_protection_plan=data.get("end_protection_plan", False),
                ),
            )
            return reverse("care:period", args=[periods[0].pk])

        done = save(
            request,
            form,
            do,
            "Coming into care is recorded"
            + (f" for {len(cases)} brothers and sisters." if len(cases) > 1 else "."),
        )
        if done:
            return done
    return form_page(
        request,
        case,
        form,
        title=f"{case.child.full_name} comes into care",
        button="Record coming into care",
        back=reverse("recording:case", args=[case.pk]),
        back_label="Back to the case",
        intro="The date, the legal status and the first placement. Everything else about the "
        "child is already in Kith: the care plan draws it in.",
    )


@policy(STAFF)
def period(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk)
    today = timezone.localdate()
    latest = looked_after(found.child, today)
    shown = latest if latest and latest.period.pk == found.pk else period_shown(found, today)
    record(
        by=request.user,
        verb=Verb.CARE_VIEWED,
        person=found.child,
        detail={"case": found.case_id, "period": found.pk},
    )
    return render(
        request,
        "care/period.html",
        {
            "case": found.case,
            "period": found,
            "shown": shown,
            "due": due_for(shown, today),
            "problems": checks.for_period(shown, today),
            "can_record": may_record_on(request.user, found.case),
            "can_review": may_review(request.user, found.case),
            "today": today,
        },
    )


@policy(RECORDERS)
def move(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    placements = list(found.placements.all())
    statuses = list(found.statuses.all())
    form = MoveForm(
        drafts.data_for(request),
        initial={
            "version": found.version,
            "home_postcode": placements[-1].home_postcode if placements else "",
        },
        after_temporary=bool(placements) and placements[-1].kind in TEMPORARY,
    )
    form.legal_status_now = statuses[-1].status if statuses else ""
    form.child = found.child
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            actions.record_move(
                found,
                by=request.user,
                version=form.cleaned_data["version"],
                change_reason=form.cleaned_data["change_reason"],
                started_on=form.cleaned_data["started_on"],
                **form.placement(),
            )
            return reverse("care:period", args=[found.pk])

        done = save(request, form, do, "The move is recorded.")
        if done:
            return done
    return form_page(
        request,
        found.case,
        form,
        title=f"{found.child.full_name} moves to a new placement",
        button="Record the move",
        back=reverse("care:period", args=[found.pk]),
    )


def _change(
    request: SignedInRequest,
    found: CarePeriod,
    form: Any,
    act: Callable[..., object],
    *,
    success: str,
    title: str,
    button: str,
) -> HttpResponse:
    """A page that changes the period of care with one action taking the form's answers."""
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            act(found, by=request.user, **form.cleaned_data)
            return reverse("care:period", args=[found.pk])

        done = save(request, form, do, success)
        if done:
            return done
    back = reverse("care:period", args=[found.pk])
    return form_page(request, found.case, form, title=title, button=button, back=back)


@policy(RECORDERS)
def legal_status(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    form = LegalStatusForm(drafts.data_for(request), initial={"version": found.version})
    return _change(
        request,
        found,
        form,
        actions.change_legal_status,
        success="The new legal status is recorded.",
        title="A new legal status",
        button="Record the legal status",
    )


@policy(RECORDERS)
def details(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    names = (
        "version",
        "iro",
        "unaccompanied",
        "unaccompanied_until",
        "previous_permanence",
        "previous_permanence_on",
        "previous_permanence_la",
    )
    initial = {name: getattr(found, "iro_id" if name == "iro" else name) for name in names}
    return _change(
        request,
        found,
        DetailsForm(drafts.data_for(request), initial=initial),
        actions.change_details,
        success="The details are saved.",
        title="The period of care's details",
        button="Save the details",
    )


@policy(RECORDERS)
def end(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    if not found.is_open:
        messages.info(request, "This period of care has already ended.")
        return redirect("care:period", found.pk)
    return _change(
        request,
        found,
        EndCareForm(drafts.data_for(request), initial={"version": found.version}),
        actions.end_care,
        success="The end of care is recorded.",
        title=f"{found.child.full_name} leaves care",
        button="Record the end of care",
    )
