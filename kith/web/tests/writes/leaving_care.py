"""Leaving care: setting up support, the adviser and support to 25, its end, contact, the
birthday checks and staying put, and the needs assessment and pathway plan in the young
person's case. Wren's are recorded by her case's people and by her personal adviser (the
persona); Noor's, whom another adviser advises, and Tamsin's (support not set up yet) by her
case's people only: the persona is the personal adviser of someone else there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from kith.leaving_care.status import birthday
from kith.test import date_fields
from kith.web.tests.world import World
from kith.web.tests.writes.writers import CASE, NOBODY, TODAY, Write, url

# Wren's case's people, and her personal adviser.
HERS = CASE | {"personal adviser"}
# Wren's support (her adviser records) and Noor's (another adviser's: the persona may not).
WHOSE = (("leaver", HERS), ("other_leaver", CASE))


def _leaver(key: str) -> Callable[[World], Any]:
    return lambda w: w.ordinary[key]


def _each(name: str, form: Callable[[Any, World], dict[str, Any]], *more: str) -> list[Write]:
    """The page for Wren's support and for Noor's, the same form for each."""
    return [
        Write(url(name, key, *more), lambda w, key=key: form(_leaver(key)(w), w), writers)
        for key, writers in WHOSE
    ]


def _record(kind: str, form: dict[str, Any]) -> list[Write]:
    """A new record of the kind in Wren's case and in Noor's."""
    return [
        Write(
            url("recording:new", f"{key}_case", f":{kind}"),
            lambda w: {"action": "save", "token": "a" * 32, **form},
            writers,
        )
        for key, writers in WHOSE
    ]


WRITES: dict[str, list[Write]] = {
    "leaving_care:caseload": [Write(url("leaving_care:caseload"), lambda w: {}, NOBODY)],
    # Tamsin is a care leaver whose support is not set up yet: her case's people set it up,
    # not the persona (even naming themselves her adviser).
    "leaving_care:start": [
        Write(
            url("leaving_care:start", "new_leaver_case"),
            lambda w: {
                **date_fields("started_on", TODAY()),
                "adviser": w.users["personal adviser"].pk,
            },
            CASE,
        )
    ],
    "leaving_care:leaver": [Write(url("leaving_care:leaver", "leaver"), lambda w: {}, NOBODY)],
    "leaving_care:letter": [Write(url("leaving_care:letter", "leaver"), lambda w: {}, NOBODY)],
    # The persona names themselves the adviser (of Noor: taking her on is not theirs to do).
    "leaving_care:support": _each(
        "leaving_care:support",
        lambda leaver, w: {
            "version": leaver.version,
            "adviser": w.users["personal adviser"].pk,
            **date_fields("adviser_since", TODAY()),
            **date_fields("to_25_asked_on", TODAY()),
        },
    ),
    "leaving_care:end": _each(
        "leaving_care:end",
        lambda leaver, w: {
            "version": leaver.version,
            **date_fields("ended_on", TODAY()),
            "end_reason": "not_wanted",
        },
    ),
    "leaving_care:contact": _each(
        "leaving_care:contact",
        lambda leaver, w: {
            **date_fields("contacted_on", TODAY()),
            "method": "phone",
            "note": "Started at college, wants help with the bus fare",
        },
    ),
    # Around the 18th birthday (their 19th is checked already).
    "leaving_care:birthday": _each(
        "leaving_care:birthday",
        lambda leaver, w: {
            **date_fields("checked_on", birthday(leaver.child.date_of_birth, 18)),
            "in_touch": "YES",
            "activity": "F2",
            "accommodation": "U",
            "suitable": "yes",
        },
        ":18",
    ),
    "leaving_care:arrangement": _each(
        "leaving_care:arrangement",
        lambda leaver, w: {
            "kind": "staying_close",
            **date_fields("started_on", TODAY() - timedelta(days=7)),
            "with_whom": "A flat near Willow House",
        },
    ),
    "recording:new": [
        *_record(
            "pathway-plan",
            {**date_fields("agreed_on", TODAY()), "about_me": "I want to be a nurse"},
        ),
        *_record(
            "needs-assessment",
            {
                **date_fields("assessed_on", TODAY()),
                "in_my_words": "Somewhere of my own",
                "needs": "A home, and help with money",
            },
        ),
    ],
    "recording:amend": [
        Write(
            url("recording:amend", ":needs-assessment", "needs_assessment"),
            lambda w: {
                "version": w.ordinary["needs_assessment"].version,
                **date_fields("assessed_on", TODAY()),
                "in_my_words": "Somewhere of my own, near my sister",
                "needs": "A home, and help with money",
                "why": "She asked for her sister to be added",
            },
            HERS,
        )
    ],
}
