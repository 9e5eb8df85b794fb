"""The chronology's entries from a looked-after child's record: coming into care and leaving
it, each move and change of legal status, reviews, and missing episodes."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse

from kith.care.models import CarePeriod, CareReview, LegalStatusChange, MissingEpisode, Placement
from kith.children.entries import ALL, Entry, Reading, short


def _care(pk: int) -> str:
    return reverse("care:period", args=[pk])


def came_into_care(r: Reading) -> list[Entry]:
    rows = CarePeriod.objects.filter(child_id__in=r.ids)
    return [
        Entry(
            period.started_on,
            "care",
            "Came into care",
            period.get_need_display(),
            _care(period.pk),
            "care-began",
            period.pk,
            r.children[period.child_id],
            significant=True,
        )
        for period in r.rows(rows, significant=ALL, newest=("-started_on", "-pk"))
    ]


def left_care(r: Reading) -> list[Entry]:
    ids = r.looked_after
    if not ids:
        return []
    rows = CarePeriod.objects.filter(child_id__in=ids, ended_on__isnull=False)
    return [
        Entry(
            period.ended_on,
            "care",
            "Left care",
            f"{period.get_end_reason_display()}. {short(period.end_note)}".strip(". "),
            _care(period.pk),
            "care-ended",
            period.pk,
            r.children[period.child_id],
            significant=True,
        )
        for period in r.rows(rows, significant=ALL, newest=("-ended_on", "-pk"))
        if period.ended_on is not None
    ]


def moves(r: Reading) -> list[Entry]:
    """Every placement after the first (the first is part of coming into care)."""
    ids = r.looked_after
    if not ids:
        return []
    rows = (
        Placement.objects.filter(period__child_id__in=ids)
        .exclude(started_on=F("period__started_on"))
        .annotate(child_pk=F("period__child_id"))
    )
    return [
        Entry(
            placement.started_on,
            "care",
            f"Moved: {placement.get_kind_display().lower()}",
            placement.carer,
            _care(placement.period_id),
            "placement",
            placement.pk,
            r.children[placement.child_pk],
        )
        for placement in r.rows(rows, significant=None, newest=("-started_on", "-pk"))
    ]


def legal_statuses(r: Reading) -> list[Entry]:
    ids = r.looked_after
    if not ids:
        return []
    rows = (
        LegalStatusChange.objects.filter(period__child_id__in=ids)
        .exclude(started_on=F("period__started_on"))
        .annotate(child_pk=F("period__child_id"))
    )
    return [
        Entry(
            change.started_on,
            "care",
            f"Legal status: {change.get_status_display().lower()}",
            "",
            _care(change.period_id),
            "legal-status",
            change.pk,
            r.children[change.child_pk],
            significant=change.status in ("C2", "E1"),
        )
        for change in r.rows(
            rows, significant=Q(status__in=("C2", "E1")), newest=("-started_on", "-pk")
        )
    ]


def care_reviews(r: Reading) -> list[Entry]:
    ids = r.looked_after
    if not ids:
        return []
    rows = CareReview.objects.filter(period__child_id__in=ids).annotate(
        child_pk=F("period__child_id")
    )
    return [
        Entry(
            review.held_on,
            "care",
            "Looked-after review",
            short(review.discussion),
            reverse("care:review", args=[review.pk]),
            "care-review",
            review.pk,
            r.children[review.child_pk],
        )
        for review in r.rows(rows, significant=None, newest=("-held_on", "-pk"))
    ]


def missing(r: Reading) -> list[Entry]:
    ids = r.looked_after
    if not ids:
        return []
    rows = MissingEpisode.objects.filter(period__child_id__in=ids).annotate(
        child_pk=F("period__child_id")
    )
    return [
        Entry(
            episode.started_on,
            "care",
            episode.get_kind_display().split(":")[0],
            (
                f"Back {episode.ended_on:%-d %B %Y}. {short(episode.note)}".strip(". ")
                if episode.ended_on
                else f"Still missing. {short(episode.note)}".strip(". ")
            ),
            _care(episode.period_id),
            "missing",
            episode.pk,
            r.children[episode.child_pk],
            significant=True,
        )
        for episode in r.rows(rows, significant=ALL, newest=("-started_on", "-pk"))
    ]
