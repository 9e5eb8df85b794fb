"""Contacts at the front door, the boy's case and the records in it (and keeping a draft of one)."""

from __future__ import annotations

from kith.test import date_fields
from kith.web.tests.writes.writers import (
    CASE,
    CASEWORK_RECORDERS,
    DECIDERS,
    FAMILY,
    MANAGERS,
    NOBODY,
    OUTSIDERS,
    TODAY,
    Write,
    url,
)

WRITES: dict[str, list[Write]] = {
    "cases:caseload": [Write(url("cases:caseload"), lambda w: {}, NOBODY)],
    "cases:contacts": [Write(url("cases:contacts"), lambda w: {}, NOBODY)],
    "cases:new_contact": [
        Write(
            url("cases:new_contact"),
            lambda w: {
                **date_fields("received_on", TODAY()),
                "received_time": "00:01",
                "referrer_name": "PC Holt",
                "source": "6",
                "child_name": "Arlo Pennock",
                "worries": "Domestic abuse call-out",
            },
            CASEWORK_RECORDERS,
        ),
        # A new contact is new work arriving, not a change to the record: whoever may read
        # the child's record may record that someone got in touch about them.
        Write(
            url("cases:new_contact", query="?child={son}"),
            lambda w: {
                **date_fields("received_on", TODAY()),
                "received_time": "00:01",
                "referrer_name": "PC Holt",
                "source": "6",
                "worries": "Domestic abuse call-out",
            },
            FAMILY,
            with_reason=FAMILY | OUTSIDERS,
        ),
    ],
    "cases:contact": [Write(url("cases:contact", "waiting_contact"), lambda w: {}, NOBODY)],
    "cases:decide": [
        Write(
            url("cases:decide", "waiting_contact"),
            lambda w: {
                "version": w.ordinary["waiting_contact"].version,
                "outcome": "advice",
                "decision_reasons": "Advice to the school",
            },
            DECIDERS,
        )
    ],
    "cases:feedback": [
        Write(
            url("cases:feedback", "decided_contact"),
            lambda w: {
                "version": w.ordinary["decided_contact"].version,
                "feedback": "Told the school by phone",
                **date_fields("feedback_given_on", TODAY()),
            },
            DECIDERS,
        )
    ],
    "cases:letter": [Write(url("cases:letter", "decided_contact"), lambda w: {}, NOBODY)],
    # Which child an unmatched contact is about: a decider who may read the child's record.
    "cases:match": [
        Write(
            url("cases:match", "unmatched_contact"),
            lambda w: {
                "person": w.ordinary["son"].pk,
                "version": w.ordinary["unmatched_contact"].version,
            },
            DECIDERS,
            with_reason=DECIDERS | {"other-team worker"},
        )
    ],
    "cases:allocate": [
        Write(
            url("cases:allocate", "case"),
            lambda w: {
                "version": w.ordinary["case"].version,
                "team": w.users["same-team colleague"].team_id,
                "worker": w.users["same-team colleague"].pk,
                "note": "Worker on leave",
            },
            MANAGERS,
        )
    ],
    "cases:no_further_action": [
        Write(
            url("cases:no_further_action", "fresh_case"),
            lambda w: {
                "version": w.ordinary["fresh_case"].version,
                "why": "The school's worry was answered",
            },
            CASE,
        )
    ],
    "recording:case": [Write(url("recording:case", "case"), lambda w: {}, NOBODY)],
    "recording:new": [
        Write(
            url("recording:new", "case", ":visit"),
            lambda w: {
                "action": "save",
                "token": "a" * 32,
                **date_fields("visited_on", TODAY()),
                "observations": "Arlo was playing in the garden",
            },
            CASE,
        )
    ],
    "recording:record": [Write(url("recording:record", ":visit", "visit"), lambda w: {}, NOBODY)],
    "recording:edit": [
        Write(
            url("recording:edit", ":note", "draft_note"),
            lambda w: {
                "action": "save",
                "version": w.ordinary["draft_note"].version,
                "text": "More words",
            },
            CASE,
        )
    ],
    "recording:decide": [
        Write(
            url("recording:decide", ":assessment", "assessment"),
            lambda w: {"decision": "authorise", "version": w.ordinary["assessment"].version},
            MANAGERS,
        )
    ],
    "recording:amend": [
        Write(
            url("recording:amend", ":visit", "visit"),
            lambda w: {
                "version": w.ordinary["visit"].version,
                **date_fields("visited_on", TODAY()),
                "child_seen": "yes",
                "seen_alone": "no",
                "observations": "Corrected",
                "why": "The worker typed the wrong room",
            },
            CASE,
        )
    ],
    "recording:history": [Write(url("recording:history", ":visit", "visit"), lambda w: {}, NOBODY)],
    "recording:review_plan": [
        Write(
            url("recording:review_plan", "plan"),
            lambda w: {
                "version": w.ordinary["plan"].version,
                **date_fields("held_on", TODAY()),
                "attendees": "Mother, school",
                "what_changed": "Better attendance",
                "decision": "continue",
            },
            CASE,
        )
    ],
    "recording:plan_pdf": [Write(url("recording:plan_pdf", "plan"), lambda w: {}, NOBODY)],
    "recording:waiting": [Write(url("recording:waiting"), lambda w: {}, NOBODY)],
    # Keeping a draft changes no record (kith/drafts/tests test who may keep one).
    "drafts:save": [Write(url("drafts:save"), lambda w: {"observations": "x"}, NOBODY)],
}
