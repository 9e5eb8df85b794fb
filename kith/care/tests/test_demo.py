"""The demo authority's looked-after children: every kind of story the pages show (moves,
reviews, missing episodes, health and education, short breaks' absence aside), and how far each
placement is from home."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from kith.care.models import CarePeriod, CareReview, CheckRecord, MissingEpisode, Placement
from kith.care.queries import looked_after

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)


@pytest.fixture
def demo(db):
    call_command(
        "seed_demo", "--children", "600", "--seed", "5", "--today", TODAY.isoformat(),
        stdout=io.StringIO(),
    )  # fmt: skip


def test_the_demo_has_looked_after_children_with_every_kind_of_record(demo):
    assert CarePeriod.objects.filter(ended_on__isnull=True).count() >= 10
    assert CarePeriod.objects.filter(ended_on__isnull=False).exists()
    kinds = set(Placement.objects.values_list("kind", flat=True))
    assert {"U6", "K2"} <= kinds and len(kinds) >= 6
    assert CareReview.objects.exists() and MissingEpisode.objects.exists()
    assert set(CheckRecord.objects.values_list("kind", flat=True)) >= {"iha", "sdq", "pep"}
    assert CarePeriod.objects.filter(unaccompanied=True).exists()


def test_the_demo_s_placements_say_how_far_they_are_from_home(demo):
    distances = [
        shown.distance
        for period in CarePeriod.objects.filter(ended_on__isnull=True).select_related("child")
        if (shown := looked_after(period.child, TODAY)) is not None
    ]
    assert any(d is not None and d > 0 for d in distances)
