"""A looked-after child's summary, chronology and care page read a fixed number of queries
however many placements, reviews and missing episodes there have been (tested at two sizes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.care.actions import (
    Coming,
    change_legal_status,
    come_into_care,
    record_check,
    record_missing,
    record_move,
    record_review,
)
from kith.test import make_case, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _history(persona, moves: int):  # type: ignore[no-untyped-def]
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    today = timezone.localdate()
    start = today - timedelta(days=10 * moves + 30)
    case = make_case(make_person(), worker=worker, referral_date=start - timedelta(days=5))
    period = come_into_care(
        [case],
        by=worker,
        coming=Coming(
            started_on=start,
            legal_status="C1",
            need="N1",
            previous_permanence="Z1",
            placement={
                "kind": "U6",
                "provider": "PR1",
                "carer": "First carers",
                "postcode": "WH1 3DE",
                "home_postcode": "WH1 2AB",
            },
            iro=chair,
        ),
    )[0]
    change_legal_status(
        period, by=worker, version=None, status="C2", started_on=start + timedelta(days=3)
    )
    for i in range(1, moves + 1):
        day = start + timedelta(days=10 * i)
        record_move(
            period,
            by=worker,
            version=None,
            change_reason="CARPL",
            started_on=day,
            kind="U6" if i % 2 else "K2",
            provider="PR4",
            carer=f"Carers {i}",
            postcode="WH2 4EF",
            home_postcode="WH1 2AB",
        )
        record_review(
            period,
            by=chair,
            recommendations=[{"what": "w", "who": "SW", "due_on": day}],
            held_on=day + timedelta(days=1),
            chair=chair,
            participation="PN1",
            discussion="d",
        )
        record_missing(
            period,
            by=worker,
            kind="M",
            started_on=day + timedelta(days=2),
            ended_on=day + timedelta(days=3),
        )
        record_check(case, by=worker, kind="health_review", done_on=day)
    return period


@pytest.mark.parametrize("moves", [2, 30])
def test_a_looked_after_child_s_pages_use_fixed_queries(
    persona, django_assert_max_num_queries, moves
):
    period = _history(persona, moves)
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    child = period.child_id
    # The summary's own (children/tests/test_summary.py), and the care: the period, its
    # statuses, placements, reviews, missing episodes, checks and plans, the placement's
    # distance from home, and what is due by the rules (care/deadlines.py, from the period
    # already read); the adoption plan now, and the significant permanence entries: 57,
    # whatever the history's length.
    with django_assert_max_num_queries(57):
        page = client.get(reverse("children:summary", args=[child]))
    assert page.status_code == 200
    assert f"Carers {moves}, since" in page.content.decode()  # the placement now
    # The chronology: every source once, the permanence sources among them, and which of the
    # family were ever looked after.
    with django_assert_max_num_queries(34):
        assert client.get(reverse("children:chronology", args=[child])).status_code == 200
    # The care page: the period, its statuses, placements, reviews (with their chairs and
    # recommendations), missing episodes, checks, plans, the rules' deadlines, access, audit.
    with django_assert_max_num_queries(40):
        assert client.get(reverse("care:period", args=[period.pk])).status_code == 200
