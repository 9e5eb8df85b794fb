"""Missing episodes, health and education checks, and short breaks: each recorded on a short
page of its own."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.care import actions
from kith.care.access import get_missing_for, get_period_for
from kith.care.codes import Check
from kith.care.forms_events import CheckForm, MissingForm, ShortBreakForm
from kith.care.short_breaks import record_short_break
from kith.care.views.shared import form_page, save
from kith.cases.access import get_case_for
from kith.drafts import actions as drafts


@policy(RECORDERS)
def new_missing(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    form = MissingForm(drafts.data_for(request))
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            actions.record_missing(
                found,
                by=request.user,
                still_missing=form.cleaned_data["still_missing"],
                **form.values(),
            )
            return reverse("care:period", args=[found.pk])

        done = save(request, form, do, "The missing episode is recorded.")
        if done:
            return done
    return form_page(
        request,
        found.case,
        form,
        title=f"{found.child.full_name} is missing or away",
        button="Record the episode",
        back=reverse("care:period", args=[found.pk]),
    )


@policy(RECORDERS)
def edit_missing(request: SignedInRequest, pk: int) -> HttpResponse:
    episode = get_missing_for(request.user, pk, changeable=True)
    found = episode.period
    offered = {True: "yes", False: "no", None: ""}[episode.interview_offered]
    form = MissingForm(
        drafts.data_for(request),
        initial={
            "version": episode.version,
            "kind": episode.kind,
            "started_on": episode.started_on,
            "ended_on": episode.ended_on,
            "still_missing": episode.ended_on is None,
            "where_found": episode.where_found,
            "interview_offered": offered,
            "interview_on": episode.interview_on,
            "note": episode.note,
        },
    )
    form.fields["version"].required = True  # an edit says which version it was opened on
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            actions.record_missing(
                found,
                by=request.user,
                episode=episode,
                version=form.cleaned_data.get("version"),
                still_missing=form.cleaned_data["still_missing"],
                **form.values(),
            )
            return reverse("care:period", args=[found.pk])

        done = save(request, form, do, "The missing episode is updated.")
        if done:
            return done
    return form_page(
        request,
        found.case,
        form,
        title="Update the missing episode",
        button="Save the episode",
        back=reverse("care:period", args=[found.pk]),
    )


@policy(RECORDERS)
def new_check(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    asked = request.GET.get("kind", "")
    form = CheckForm(
        drafts.data_for(request), initial={"kind": asked if asked in Check.values else ""}
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            actions.record_check(found.case, by=request.user, **form.values())
            return reverse("care:period", args=[found.pk])

        done = save(request, form, do, "It is recorded.")
        if done:
            return done
    return form_page(
        request,
        found.case,
        form,
        title=f"Health and education for {found.child.full_name}",
        button="Save",
        back=reverse("care:period", args=[found.pk]),
        intro="Only the answers for what was done are needed: leave the rest blank.",
    )


@policy(RECORDERS)
def new_short_break(request: SignedInRequest, pk: int) -> HttpResponse:
    case = get_case_for(request.user, pk, changeable=True)
    need = case.primary_need if case.primary_need not in ("N0", "N9") else ""
    form = ShortBreakForm(drafts.data_for(request), initial={"need": need})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            record_short_break(case, by=request.user, **form.cleaned_data)
            return reverse("recording:case", args=[case.pk])

        done = save(request, form, do, "The short break is recorded.")
        if done:
            return done
    return form_page(
        request,
        case,
        form,
        title=f"A short break for {case.child.full_name}",
        button="Record the short break",
        back=reverse("recording:case", args=[case.pk]),
        back_label="Back to the case",
        intro="One of an agreed series of short breaks, recorded once the child is home. Each "
        "break is a short period of care of its own.",
    )
