"""Caseloads: the open cases a worker holds, and those of their team (or, for a manager, of the
teams they lead)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kith.accounts.models import Team
from kith.accounts.policies import STAFF, SignedInRequest, policy
from kith.cases.access import ONLY_THEIR_OWN, visible_cases
from kith.cases.models import Case

CASELOAD_LIMIT = 200


@policy(STAFF)
def caseload(request: SignedInRequest) -> HttpResponse:
    """Open cases: the user's own, then their team's (or, for a manager, the teams they lead)."""
    user: Any = request.user
    led = list(Team.objects.led_by(user).values_list("pk", flat=True))
    # A personal adviser's work is the young people they advise, never their team's cases.
    team_ids = led or ([user.team_id] if user.team_id and user.role not in ONLY_THEIR_OWN else [])
    open_cases = (
        visible_cases(user)
        .filter(closed_on__isnull=True)
        .filter(Q(worker=user) | Q(team_id__in=team_ids))
        .select_related("child", "team", "worker")
        .order_by("referral_date")[:CASELOAD_LIMIT]
    )
    mine: list[Case] = []
    team: list[Case] = []
    for case in open_cases:
        (mine if case.worker_id == user.pk else team).append(case)
    unallocated = [c for c in team if c.worker_id is None]
    return render(
        request,
        "cases/caseload.html",
        {
            "mine": mine,
            "team": team,
            "unallocated": len(unallocated),
            "today": timezone.localdate(),
            "limit": CASELOAD_LIMIT,
            "at_limit": len(mine) + len(team) >= CASELOAD_LIMIT,
        },
    )
