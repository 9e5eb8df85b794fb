"""Putting right what was typed wrong in a looked-after child's record: a placement (its
answers, its dates between the placements either side), with why, kept in the audit log."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.care import actions
from kith.care.access import get_placement_for
from kith.care.forms import CorrectPlacementForm
from kith.care.views.shared import form_page, save
from kith.drafts import actions as drafts


@policy(RECORDERS)
def correct_placement(request: SignedInRequest, pk: int) -> HttpResponse:
    placement = get_placement_for(request.user, pk, changeable=True)
    period = placement.period
    placements = list(period.placements.all())
    ended = placements[-1].pk != placement.pk
    initial = {name: getattr(placement, name) for name in actions.CORRECTABLE}
    form = CorrectPlacementForm(
        drafts.data_for(request), initial={**initial, "version": placement.version}, ended=ended
    )
    form.child = period.child
    form.legal_status_now = (
        period.statuses.filter(started_on__lte=placement.started_on)
        .values_list("status", flat=True)
        .last()
        or ""
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def do() -> str:
            actions.correct_placement(
                placement,
                by=request.user,
                version=data["version"],
                why=data["why"],
                started_on=data["started_on"],
                **form.placement(),
                **({"change_reason": data["change_reason"]} if ended else {}),
            )
            return reverse("care:period", args=[period.pk])

        done = save(request, form, do, "The placement is corrected.")
        if done:
            return done
    return form_page(
        request,
        period.case,
        form,
        title="Correct a placement",
        button="Save the correction",
        back=reverse("care:period", args=[period.pk]),
        intro="What it said before and why it changed are kept in the record's audit log.",
    )
