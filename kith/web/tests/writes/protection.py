"""Child protection: strategy discussions, enquiries, conferences (with their reports and
letters), plans and core groups."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from kith.test import date_fields
from kith.web.tests.writes.writers import CASE, NOBODY, TODAY, Write, url

WRITES: dict[str, list[Write]] = {
    "protection:conferences": [Write(url("protection:conferences"), lambda w: {}, NOBODY)],
    "protection:new_strategy": [
        Write(
            url("protection:new_strategy", "case"),
            lambda w: {
                **date_fields("held_on", TODAY()),
                "held_time": "00:01",
                "people-TOTAL_FORMS": "1",
                "people-INITIAL_FORMS": "0",
                "people-0-name": "DS Lewis",
                "people-0-agency": "police",
                "information_shared": "Police were called last night",
                "safety_plan": "Father stays away",
                f"person-{w.ordinary['case'].child_id}-decision": "s47",
                f"person-{w.ordinary['case'].child_id}-reason": "Injury",
            },
            CASE,
        )
    ],
    "protection:new_conference": [
        Write(
            url("protection:new_conference", "case", ":review"),
            lambda w: {
                **date_fields("held_on", TODAY()),
                "chair": w.users["chair"].pk,
                "quorate": "yes",
                "attendance": "Mother, school",
                "social_worker_report": "Progress",
                "views": "Arlo's views",
                f"child-{w.ordinary['case'].pk}-decision": "plan",
                f"child-{w.ordinary['case'].pk}-category": "NEG",
                **date_fields(
                    f"child-{w.ordinary['case'].pk}-next_review_on", TODAY() + timedelta(90)
                ),
            },
            CASE | {"chair"},
        )
    ],
    "protection:strategy": [Write(url("protection:strategy", "discussion"), lambda w: {}, NOBODY)],
    "protection:enquiry": [
        Write(
            url("protection:enquiry", "son_enquiry"),
            lambda w: {
                "version": w.ordinary["son_enquiry"].version,
                "findings": "Bruising explained",
                "concerns_substantiated": "yes",
                "continuing_risk": "yes",
                "outcome": "icpc",
                **date_fields("outcome_on", TODAY() - timedelta(days=95)),
            },
            CASE,
        )
    ],
    "protection:conference": [
        Write(
            url("protection:conference", "conference"),
            lambda w: {
                "agency": "health",
                "title": "Health report",
                "document": SimpleUploadedFile(
                    "health.txt", b"Seen by the nurse.", content_type="text/plain"
                ),
            },
            CASE | {"chair"},
        )
    ],
    # The conference covers the boy and his restricted sister: only someone who may record
    # for every child it covers corrects it (the head of service, named on her record).
    "protection:amend_conference": [
        Write(
            url("protection:amend_conference", "conference"),
            lambda w: {
                "version": w.ordinary["conference"].version,
                **date_fields("held_on", w.ordinary["conference"].held_on),
                "chair": w.users["chair"].pk,
                "quorate": "yes",
                "attendance": "Police, school, health",
                "social_worker_report": "Corrected report",
                "views": "Their mother's views",
                "why": "The report was typed into the wrong box",
            },
            frozenset({"head of service"}),
        )
    ],
    "protection:enquiry_conference": [
        Write(url("protection:enquiry_conference", "son_enquiry"), lambda w: {}, NOBODY)
    ],
    "protection:conference_letter": [
        Write(url("protection:conference_letter", "conference", "case"), lambda w: {}, NOBODY)
    ],
    "protection:report": [
        Write(url("protection:report", "conference", "report"), lambda w: {}, NOBODY)
    ],
    "protection:plan": [Write(url("protection:plan", "son_plan"), lambda w: {}, NOBODY)],
    "protection:edit_plan": [
        Write(
            url("protection:edit_plan", "son_plan"),
            lambda w: {
                "version": w.ordinary["son_plan"].version,
                "what_must_change": "No more shouting",
                "contingency": "Legal advice",
                "visit_every_working_days": "10",
                "core_group_every_weeks": "6",
                "actions-TOTAL_FORMS": "3",
                "actions-INITIAL_FORMS": "0",
                "actions-0-what": "Parenting course",
                "actions-0-who": "Mother",
            },
            CASE,
        )
    ],
    "protection:end_plan": [
        Write(
            url("protection:end_plan", "son_plan"),
            lambda w: {
                "version": w.ordinary["son_plan"].version,
                **date_fields("ended_on", TODAY()),
                "end_reason": "moved",
            },
            CASE,
        )
    ],
    "protection:new_core_group": [
        Write(
            url("protection:new_core_group", "son_plan"),
            lambda w: {
                **date_fields("held_on", TODAY()),
                "attendance": "Mother, school",
                "progress": "Good",
                "decisions": "Carry on",
            },
            CASE,
        )
    ],
}
