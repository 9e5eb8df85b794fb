"""The road to permanence of the boy (a meeting, a long-term fostering match, the match with
adopters and the decision that he should no longer be adopted) and of Juno, a toddler in another
of the worker's cases (the decision that she should be adopted): recorded by the case's people
only; never by a personal adviser (they advise neither child), nor with a reason given."""

from __future__ import annotations

from datetime import timedelta

from kith.test import date_fields
from kith.web.tests.writes.writers import CASE, NOBODY, TODAY, Write, url


def _plan(w):  # type: ignore[no-untyped-def]
    return w.ordinary["adoption_plan"]


WRITES: dict[str, list[Write]] = {
    "permanence:adoption": [Write(url("permanence:adoption"), lambda w: {}, NOBODY)],
    "permanence:period": [Write(url("permanence:period", "care_period"), lambda w: {}, NOBODY)],
    "permanence:meeting": [
        Write(
            url("permanence:meeting", "care_period"),
            lambda w: {
                **date_fields("held_on", TODAY() - timedelta(days=1)),
                "option": "long_term_fostering",
                "decided": "He stays with the Okafors until he is grown up",
            },
            CASE,
        )
    ],
    "permanence:long_term_match": [
        Write(
            url("permanence:long_term_match", "care_period"),
            lambda w: {
                **date_fields("matched_on", TODAY() - timedelta(days=1)),
                "carers": "Mr and Mrs Okafor",
                "note": "Agreed at the fostering panel",
            },
            CASE,
        )
    ],
    "permanence:decide": [
        Write(
            url("permanence:decide", "toddler_period"),
            lambda w: {
                **date_fields("decided_on", TODAY() - timedelta(days=1)),
                "decision_maker": "Ms Oduya",
                "note": "No one in the family can care for her",
            },
            CASE,
        )
    ],
    "permanence:match": [
        Write(
            url("permanence:match", "adoption_plan"),
            lambda w: {
                "version": _plan(w).version,
                **date_fields("matched_on", TODAY() - timedelta(days=1)),
                "adopters_number": "2",
                "adopters_sex": "MF",
                "adopters_legal_status": "L11",
                "foster_carers_adopting": "no",
            },
            CASE,
        )
    ],
    "permanence:no_longer": [
        Write(
            url("permanence:no_longer", "adoption_plan"),
            lambda w: {
                "version": _plan(w).version,
                **date_fields("ended_on", TODAY() - timedelta(days=1)),
                "end_reason": "RD3",
            },
            CASE,
        )
    ],
}
