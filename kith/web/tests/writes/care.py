"""Children looked after: coming into care, moves, legal status, the period's details, leaving
care, reviews (the reviewing officer too), missing episodes, and health and education."""

from __future__ import annotations

from datetime import timedelta

from kith.care.tests.builders import coming_into_care, move
from kith.test import date_fields
from kith.web.tests.writes.writers import CASE, NOBODY, TODAY, Write, url


def _period(w):  # type: ignore[no-untyped-def]
    return w.ordinary["care_period"]


WRITES: dict[str, list[Write]] = {
    "care:come_into_care": [
        Write(
            url("care:come_into_care", "fresh_case"),
            lambda w: coming_into_care(TODAY() - timedelta(days=1)),
            CASE,
        )
    ],
    "care:reviewing": [Write(url("care:reviewing"), lambda w: {}, NOBODY)],
    "care:period": [Write(url("care:period", "care_period"), lambda w: {}, NOBODY)],
    "care:move": [
        Write(
            url("care:move", "care_period"),
            lambda w: move(TODAY(), _period(w).version),
            CASE,
        )
    ],
    "care:legal_status": [
        Write(
            url("care:legal_status", "care_period"),
            lambda w: {
                "version": _period(w).version,
                "status": "C2",
                **date_fields("started_on", TODAY()),
            },
            CASE,
        )
    ],
    "care:details": [
        Write(
            url("care:details", "care_period"),
            lambda w: {
                "version": _period(w).version,
                "iro": w.users["chair"].pk,
                "unaccompanied": "on",
                "previous_permanence": "P4",
            },
            CASE,
        )
    ],
    "care:end": [
        Write(
            url("care:end", "care_period"),
            lambda w: {
                "version": _period(w).version,
                **date_fields("ended_on", TODAY()),
                "end_reason": "E4A",
            },
            CASE,
        )
    ],
    "care:new_review": [
        Write(
            url("care:new_review", "care_period"),
            lambda w: {
                **date_fields("held_on", TODAY()),
                "chair": w.users["chair"].pk,
                "participation": "PN1",
                "discussion": "Settled at the home",
                "recommendations-TOTAL_FORMS": "0",
                "recommendations-INITIAL_FORMS": "0",
            },
            CASE | {"chair"},
        )
    ],
    "care:review": [Write(url("care:review", "care_review"), lambda w: {}, NOBODY)],
    "care:new_missing": [
        Write(
            url("care:new_missing", "care_period"),
            lambda w: {
                "kind": "A",
                **date_fields("started_on", TODAY() - timedelta(days=2)),
                **date_fields("ended_on", TODAY() - timedelta(days=2)),
                "interview_offered": "yes",
            },
            CASE,
        )
    ],
    "care:edit_missing": [
        Write(
            url("care:edit_missing", "missing"),
            lambda w: {
                "version": w.ordinary["missing"].version,
                "kind": "M",
                **date_fields("started_on", TODAY() - timedelta(days=5)),
                **date_fields("ended_on", TODAY() - timedelta(days=4)),
                "where_found": "At a friend's",
                "interview_offered": "yes",
                **date_fields("interview_on", TODAY() - timedelta(days=3)),
            },
            CASE,
        )
    ],
    "care:correct_placement": [
        Write(
            url("care:correct_placement", "placement"),
            lambda w: {
                "version": w.ordinary["placement"].version,
                **date_fields("started_on", w.ordinary["placement"].started_on),
                "kind": "K2",
                "provider": "PR1",
                "carer": "Westholm House",
                "urn": "123456",
                "why": "The home's name was wrong",
            },
            CASE,
        )
    ],
    "care:new_short_break": [
        Write(
            url("care:new_short_break", "fresh_case"),
            lambda w: {
                **date_fields("started_on", TODAY() - timedelta(days=2)),
                **date_fields("ended_on", TODAY() - timedelta(days=1)),
                "kind": "K2",
                "provider": "PR1",
                "carer": "Willow House",
                "need": "N2",
            },
            CASE,
        )
    ],
    "care:new_check": [
        Write(
            url("care:new_check", "care_period"),
            lambda w: {"kind": "dental", **date_fields("done_on", TODAY())},
            CASE,
        )
    ],
}
