"""The child summary answers a duty worker's questions on one page, with a fixed number of
queries (and the chronology too)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Contact
from kith.recording.models import CaseNote, Status
from kith.test import page_text, signed_in_client

pytestmark = pytest.mark.django_db


def test_a_duty_worker_learns_the_essentials_from_the_summary(ellie, persona):
    child, _ = ellie
    duty = signed_in_client(persona[Role.FRONT_DOOR])  # the case is open: the front door may
    page = page_text(duty.get(reverse("children:summary", args=[child.pk])))
    # Status, plan and risk.
    assert "Child protection plan: emotional abuse" in page
    assert "No more shouting at home" in page
    # What is overdue: the first review conference (3 months) has passed.
    assert "Overdue" in page and "Review conference" in page
    # Who is involved.
    assert "Kerry Jones" in page and "Mill Road Primary" in page and "Social" in page
    # When last seen, and seen alone.
    seen_alone = (timezone.localdate() - timedelta(days=30)).strftime("%-d %B %Y")
    assert f'data-testid="summary-seen-alone">{seen_alone}' in page
    # The most recent significant events.
    assert "Police called: father back at the house" in page


@pytest.mark.parametrize("n", [2, 40])
def test_the_summary_and_chronology_use_fixed_queries(
    ellie, persona, django_assert_max_num_queries, n
):
    child, case = ellie
    worker = persona[Role.SOCIAL_WORKER]
    for i in range(n):
        CaseNote.objects.create(
            case=case,
            author=worker,
            status=Status.FINAL,
            note_kind="phone",
            happened_on_date=timezone.localdate(),
            text=f"Note {i}",
        )
        Contact.objects.create(
            received_at=timezone.now(),
            child=child,
            referrer_name="x",
            source="2A",
            worries="y",
            recorded_by=persona[Role.FRONT_DOOR],
        )
    client = signed_in_client(worker)
    # The person, the case's state, the risk, a few rows of each kind of significant event
    # (the same sources as the chronology's), the events typed in, the workers' marks, access
    # and audit (the look, and each person it shows), and whether they were ever looked after
    # (the care and permanence sources read nothing more for a child who never was): 44,
    # however long the history.
    with django_assert_max_num_queries(44):
        assert client.get(reverse("children:summary", args=[child.pk])).status_code == 200
    # One query for each kind of record (a child never looked after, under 16, costs the care,
    # permanence and leaving care sources one query in all), the events typed in, the
    # workers' marks, access (to read, and to mark), and audit.
    with django_assert_max_num_queries(31):
        assert client.get(reverse("children:chronology", args=[child.pk])).status_code == 200
