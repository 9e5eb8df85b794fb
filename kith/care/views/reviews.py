"""Looked-after reviews, chaired by the independent reviewing officer: recording one with its
recommendations, reading one, and the reviewing officer's own list of children with the
reviews due."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, Policy, SignedInRequest, policy
from kith.accounts.roles import Role
from kith.care import actions
from kith.care.access import get_period_for
from kith.care.forms import RecommendationRows, ReviewForm
from kith.care.models import CareReview
from kith.care.reviewing import children_reviewed_by
from kith.care.views.shared import form_page, save
from kith.drafts import actions as drafts
from kith.lib.rows import rows_for


@policy(RECORDERS)
def new_review(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True, reviewing=True)
    today = timezone.localdate()
    data = drafts.data_for(request)
    form = ReviewForm(
        data,
        initial={
            "held_on": today,
            "chair": request.user.pk if request.user.role == Role.CHAIR else found.iro_id,
        },
        child=found.child,
    )
    formset = rows_for(
        RecommendationRows, data, prefix="recommendations", more=3 if data is None else 0
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        rows = [
            {k: row[k] for k in ("what", "who", "due_on")}
            for row in formset.cleaned_data
            if row and row.get("what")
        ]

        def do() -> str:
            review = actions.record_review(
                found, by=request.user, recommendations=rows, **form.cleaned_data
            )
            return reverse("care:review", args=[review.pk])

        done = save(request, form, do, "The review is recorded.")
        if done:
            return done
    return form_page(
        request,
        found.case,
        form,
        formset=formset,
        title=f"Looked-after review for {found.child.full_name}",
        button="Record the review",
        back=reverse("care:period", args=[found.pk]),
    )


@policy(STAFF)
def review(request: SignedInRequest, pk: int) -> HttpResponse:
    found = CareReview.objects.select_related("chair").filter(pk=pk).first()
    if found is None:
        raise Http404("No such review")
    period = get_period_for(request.user, found.period_id)
    return render(
        request,
        "care/review.html",
        {"review": found, "period": period, "case": period.case},
    )


LOOKED_AFTER_LISTS = Policy(
    "looked_after_lists",
    "Independent reviewing officers (their children) and the virtual school head (every child "
    "looked after)",
    lambda u: u.role in {Role.CHAIR, Role.VIRTUAL_SCHOOL},
)


@policy(LOOKED_AFTER_LISTS)
def reviewing(request: SignedInRequest) -> HttpResponse:
    """The reviewing officer's children, or every child looked after now for the virtual
    school head, with their next review and anything overdue."""
    today = timezone.localdate()
    everyone = request.user.role == Role.VIRTUAL_SCHOOL
    return render(
        request,
        "care/reviewing.html",
        {
            "children": children_reviewed_by(request.user, today, everyone=everyone),
            "everyone": everyone,
            "today": today,
        },
    )
