"""The write matrix: every page that accepts a POST, sent a good form by every persona, with and
without a reason given to open the family's records. Only those with the right to record on
what the page changes succeed; for everyone else the records are exactly as they were.

The expected writers are written out here from the practice rules (docs/decisions/0008), not
read from the code: the allocated worker's team and managers record on the boy's case; the
front door and the conference chair also work with his family; a reason given to open a record
(break-glass) lets you read it, never change it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kith.test import date_fields, signed_in_client
from kith.web.tests.test_every_url_has_a_policy import OURS
from kith.web.tests.world import PERSONAS, World, build, give_reasons, with_return_run

# Whose work the boy's case is (cases/access.py may_record_on).
CASE = frozenset({"social worker", "same-team colleague", "team manager", "head of service"})
# Who works with his mother, who has no case of her own: the case's people, the front door
# (his case is open) and the chair (he is on a plan).
FAMILY = CASE | {"front door", "chair"}
MANAGERS = frozenset({"team manager", "head of service"})
DECIDERS = CASE | {"front door"}
RECORDERS = frozenset(PERSONAS) - {"data officer", "partner"}
STAFF = frozenset(PERSONAS) - {"partner"}
# Outside the family's work: they must give a reason to open its records.
OUTSIDERS = frozenset({"other-team worker", "business support", "administrator"})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Write:
    url: Callable[[World], str]
    form: Callable[[World], dict[str, Any]]
    writers: frozenset[str]
    # Where a reason given is enough (reading is all the page needs): who may, with one.
    with_reason: frozenset[str] | None = None


def _o(key: str) -> Callable[[World], Any]:
    return lambda w: w.ordinary[key]


TODAY = timezone.localdate


def _url(name: str, *keys: str, query: str = "") -> Callable[[World], str]:
    def made(w: World) -> str:
        args = [k[1:] if k.startswith(":") else w.ordinary[k].pk for k in keys]
        return reverse(name, args=args) + query

    return made


def _identity(w: World) -> dict[str, Any]:
    m = w.ordinary["mother"]
    return {"version": m.version, "first_name": "Maude", "family_name": m.family_name, "sex": "F"}


WRITES: dict[str, list[Write]] = {
    "web:start": [Write(_url("web:start"), lambda w: {}, NOBODY)],
    "accounts:sign_in": [Write(_url("accounts:sign_in"), lambda w: {}, NOBODY)],
    "accounts:sign_in_code": [Write(_url("accounts:sign_in_code"), lambda w: {}, NOBODY)],
    "accounts:sign_out": [Write(_url("accounts:sign_out"), lambda w: {}, NOBODY)],
    "accounts:two_step_set_up": [
        Write(_url("accounts:two_step_set_up"), lambda w: {"code": "123456"}, NOBODY)
    ],
    "accounts:home": [Write(_url("accounts:home"), lambda w: {}, NOBODY)],
    "accounts:team": [Write(_url("accounts:team"), lambda w: {}, NOBODY)],
    "accounts:sessions": [Write(_url("accounts:sessions"), lambda w: {}, NOBODY)],
    "admin_sign_in": [Write(_url("admin_sign_in"), lambda w: {}, NOBODY)],
    "people:find": [Write(_url("people:find"), lambda w: {"q": "pennock"}, NOBODY)],
    "people:new": [
        Write(
            _url("people:new"),
            lambda w: {
                "first_name": "Newt",
                "family_name": "Oddly",
                "sex": "M",
                **date_fields("date_of_birth", date(2019, 1, 2)),
                "confirmed_new": "on",
            },
            RECORDERS,
        )
    ],
    "people:person": [Write(_url("people:person", "mother"), lambda w: {}, NOBODY)],
    # A reason given is itself recorded (and is what lets someone read the record).
    "people:reason": [
        Write(
            _url("people:reason", "son"),
            lambda w: {"why": "Police called out of hours about the family"},
            STAFF,
        )
    ],
    "people:family_network": [Write(_url("people:family_network", "mother"), lambda w: {}, NOBODY)],
    "people:change_identity": [
        Write(_url("people:change_identity", "mother"), _identity, FAMILY),
        Write(
            _url("people:change_identity", "son"),
            lambda w: {
                "version": w.ordinary["son"].version,
                "first_name": "Arlo-James",
                "family_name": "Pennock",
                "sex": "M",
                **date_fields("date_of_birth", date(2014, 2, 1)),
            },
            CASE,
        ),
    ],
    "people:change_background": [
        Write(
            _url("people:change_background", "mother"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "ethnicity": "WBRI",
                "first_language": "Welsh",
            },
            FAMILY,
        )
    ],
    "people:change_identifiers": [
        Write(
            _url("people:change_identifiers", "mother"),
            lambda w: {"version": w.ordinary["mother"].version, "nhs_number": "9434765919"},
            FAMILY,
        )
    ],
    "people:add_other_name": [
        Write(
            _url("people:add_other_name", "mother"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "kind": "previous_family_name",
                "family_name": "Oldname",
            },
            FAMILY,
        )
    ],
    "people:add_identifier": [
        Write(
            _url("people:add_identifier", "mother"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "kind": "home_office",
                "value": "HO123",
            },
            FAMILY,
        )
    ],
    "people:add_address": [
        Write(
            _url("people:add_address", "mother"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "line_1": "9 New Street",
                "town": "Westholm",
                "kind": "home",
                "replaces_current": "on",
                "household_moves": "on",
                **date_fields("start_date", TODAY()),
            },
            FAMILY,
        )
    ],
    "people:end_address": [
        Write(
            _url("people:end_address", "mother", "mother_home"),
            lambda w: {"version": w.ordinary["mother"].version, **date_fields("end_date", TODAY())},
            FAMILY,
        )
    ],
    "people:add_relationship": [
        Write(
            _url("people:add_relationship", "son"),
            lambda w: {
                "version": w.ordinary["son"].version,
                "other": w.ordinary["father"].pk,
                "direction": "they_are",
                "kind": "aunt_uncle",
            },
            CASE,
        )
    ],
    "people:change_relationship": [
        Write(
            _url("people:change_relationship", "mother", "mother_and_son"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "record_version": w.ordinary["mother_and_son"].version,
                "other": w.ordinary["son"].pk,
                "direction": "person_is",
                "kind": "mother",
                "has_parental_responsibility": "on",
                "contact_restriction": "supervised",
            },
            FAMILY,
        )
    ],
    "people:add_involvement": [
        Write(
            _url("people:add_involvement", "mother"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "kind": "gp",
                "organisation": "Weir Lane Surgery",
            },
            FAMILY,
        )
    ],
    "people:change_involvement": [
        Write(
            _url("people:change_involvement", "mother", "mother_gp"),
            lambda w: {
                "version": w.ordinary["mother"].version,
                "kind": "gp",
                "organisation": "Renamed Surgery",
            },
            FAMILY,
        )
    ],
    "people:add_unborn": [
        Write(
            _url("people:add_unborn", "mother"),
            lambda w: {
                "family_name": "Pennock",
                **date_fields("expected_date_of_birth", TODAY() + timedelta(days=60)),
            },
            FAMILY,
        )
    ],
    "people:merge": [
        Write(
            _url("people:merge", "duplicate"),
            lambda w: {
                "other": w.ordinary["duplicate_copy"].person_number,
                "why": "The same child, typed twice",
                "confirm": "yes",
            },
            frozenset({"data officer"}),
        )
    ],
    "people:undo_merge": [
        Write(
            lambda w: reverse(
                "people:undo_merge",
                args=[w.ordinary["merge"].survivor_id, w.ordinary["merge"].pk],
            ),
            lambda w: {},
            frozenset({"data officer"}),
        )
    ],
    # Who may see a record is a decision heads of service and administrators make on any
    # record they may open, a reason given included (docs/decisions/0008).
    "people:restriction": [
        Write(
            _url("people:restriction", "stranger"),
            lambda w: {"action": "restrict", "why": "Child of a member of staff here"},
            frozenset({"head of service"}),
            with_reason=frozenset({"head of service", "administrator"}),
        )
    ],
    "people:subject_access": [Write(_url("people:subject_access", "mother"), lambda w: {}, NOBODY)],
    "cases:caseload": [Write(_url("cases:caseload"), lambda w: {}, NOBODY)],
    "cases:contacts": [Write(_url("cases:contacts"), lambda w: {}, NOBODY)],
    "cases:new_contact": [
        Write(
            _url("cases:new_contact"),
            lambda w: {
                **date_fields("received_on", TODAY()),
                "received_time": "00:01",
                "referrer_name": "PC Holt",
                "source": "6",
                "child_name": "Arlo Pennock",
                "worries": "Domestic abuse call-out",
            },
            RECORDERS,
        ),
        # A new contact is new work arriving, not a change to the record: whoever may read
        # the child's record may record that someone got in touch about them.
        Write(
            _url("cases:new_contact", query="?child={son}"),
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
    "cases:contact": [Write(_url("cases:contact", "waiting_contact"), lambda w: {}, NOBODY)],
    "cases:decide": [
        Write(
            _url("cases:decide", "waiting_contact"),
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
            _url("cases:feedback", "decided_contact"),
            lambda w: {
                "version": w.ordinary["decided_contact"].version,
                "feedback": "Told the school by phone",
                **date_fields("feedback_given_on", TODAY()),
            },
            DECIDERS,
        )
    ],
    "cases:letter": [Write(_url("cases:letter", "decided_contact"), lambda w: {}, NOBODY)],
    # Which child an unmatched contact is about: a decider who may read the child's record.
    "cases:match": [
        Write(
            _url("cases:match", "unmatched_contact"),
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
            _url("cases:allocate", "case"),
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
            _url("cases:no_further_action", "fresh_case"),
            lambda w: {
                "version": w.ordinary["fresh_case"].version,
                "why": "The school's worry was answered",
            },
            CASE,
        )
    ],
    "recording:case": [Write(_url("recording:case", "case"), lambda w: {}, NOBODY)],
    "recording:new": [
        Write(
            _url("recording:new", "case", ":visit"),
            lambda w: {
                "action": "save",
                "token": "a" * 32,
                **date_fields("visited_on", TODAY()),
                "observations": "Arlo was playing in the garden",
            },
            CASE,
        )
    ],
    "recording:record": [Write(_url("recording:record", ":visit", "visit"), lambda w: {}, NOBODY)],
    "recording:edit": [
        Write(
            _url("recording:edit", ":note", "draft_note"),
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
            _url("recording:decide", ":assessment", "assessment"),
            lambda w: {"decision": "authorise", "version": w.ordinary["assessment"].version},
            MANAGERS,
        )
    ],
    "recording:amend": [
        Write(
            _url("recording:amend", ":visit", "visit"),
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
    "recording:history": [
        Write(_url("recording:history", ":visit", "visit"), lambda w: {}, NOBODY)
    ],
    "recording:review_plan": [
        Write(
            _url("recording:review_plan", "plan"),
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
    "recording:plan_pdf": [Write(_url("recording:plan_pdf", "plan"), lambda w: {}, NOBODY)],
    "recording:waiting": [Write(_url("recording:waiting"), lambda w: {}, NOBODY)],
    "protection:conferences": [Write(_url("protection:conferences"), lambda w: {}, NOBODY)],
    "protection:new_strategy": [
        Write(
            _url("protection:new_strategy", "case"),
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
            _url("protection:new_conference", "case", ":review"),
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
    "protection:strategy": [Write(_url("protection:strategy", "discussion"), lambda w: {}, NOBODY)],
    "protection:enquiry": [
        Write(
            _url("protection:enquiry", "son_enquiry"),
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
            _url("protection:conference", "conference"),
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
            _url("protection:amend_conference", "conference"),
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
        Write(_url("protection:enquiry_conference", "son_enquiry"), lambda w: {}, NOBODY)
    ],
    "protection:conference_letter": [
        Write(_url("protection:conference_letter", "conference", "case"), lambda w: {}, NOBODY)
    ],
    "protection:report": [
        Write(_url("protection:report", "conference", "report"), lambda w: {}, NOBODY)
    ],
    "protection:plan": [Write(_url("protection:plan", "son_plan"), lambda w: {}, NOBODY)],
    "protection:edit_plan": [
        Write(
            _url("protection:edit_plan", "son_plan"),
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
            _url("protection:end_plan", "son_plan"),
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
            _url("protection:new_core_group", "son_plan"),
            lambda w: {
                **date_fields("held_on", TODAY()),
                "attendance": "Mother, school",
                "progress": "Good",
                "decisions": "Carry on",
            },
            CASE,
        )
    ],
    "children:summary": [Write(_url("children:summary", "son"), lambda w: {}, NOBODY)],
    "children:overdue": [Write(_url("children:overdue"), lambda w: {}, NOBODY)],
    "children:chronology": [Write(_url("children:chronology", "son"), lambda w: {}, NOBODY)],
    "children:mark": [
        Write(
            _url("children:mark", "son"),
            lambda w: {
                "key": f"visit:{w.ordinary['visit'].pk}",
                "significant": "on",
                "analysis": "The first time he was seen alone",
            },
            CASE,
        )
    ],
    "children:add_event": [
        Write(
            _url("children:add_event", "son"),
            lambda w: {
                **date_fields("happened_on", TODAY()),
                "what": "Police call-out",
                "agency": "police",
            },
            CASE,
        )
    ],
    "timescales:rules": [Write(_url("timescales:rules"), lambda w: {}, NOBODY)],
    "timescales:change": [
        Write(
            _url("timescales:change", ":first-core-group"),
            lambda w: {"offset": "12", "was": "10", "reason": "Agreed by the safeguarding board"},
            frozenset({"administrator"}),
        )
    ],
    "timescales:reason": [
        Write(
            _url("timescales:reason", "missed"),
            lambda w: {"version": w.ordinary["missed"].version, "reason": "Family away"},
            CASE,
        )
    ],
    "returns:returns": [
        Write(
            _url("returns:returns"),
            lambda w: {"year": str(timezone.localdate().year)},
            frozenset({"data officer"}),
        )
    ],
    "returns:run": [Write(_url("returns:run", "return_run"), lambda w: {}, NOBODY)],
    "returns:download": [Write(_url("returns:download", "return_run"), lambda w: {}, NOBODY)],
    "returns:quality": [Write(_url("returns:quality"), lambda w: {}, NOBODY)],
    "audit:person": [Write(_url("audit:person", "mother"), lambda w: {}, NOBODY)],
    # Keeping a draft changes no record (kith/drafts/tests test who may keep one).
    "drafts:save": [Write(_url("drafts:save"), lambda w: {"observations": "x"}, NOBODY)],
    "audit:user": [
        Write(
            lambda w: reverse("audit:user", args=[w.users["social worker"].pk]),
            lambda w: {},
            NOBODY,
        )
    ],
}

# What a record is made of: every table of the apps that hold children's records. Sign-ins,
# sessions and the audit log change with every request and are not records.
RECORD_APPS = ("people", "cases", "recording", "protection", "children", "timescales", "returns")


def fingerprint() -> str:
    digest = hashlib.sha256()
    for label in RECORD_APPS:
        for model in sorted(apps.get_app_config(label).get_models(), key=lambda m: m.__name__):
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model.__name__}{list(rows)}".encode())
    return digest.hexdigest()


def test_every_page_is_in_the_write_matrix():
    names = {name for _, name, _ in OURS}
    assert names == set(WRITES), f"Add to WRITES: {sorted(names - set(WRITES))}"


@pytest.fixture
def world(db, settings) -> World:
    settings.KITH_RETURNS_IN_BACKGROUND = False
    return with_return_run(build())


WRITE_CASES = [(name, i) for name, writes in WRITES.items() for i in range(len(writes))]


@pytest.mark.parametrize(("name", "i"), WRITE_CASES, ids=[f"{n}#{i}" for n, i in WRITE_CASES])
def test_only_those_with_the_right_to_record_change_anything(world, name, i):
    write = WRITES[name][i]
    wrong: list[str] = []
    for who in PERSONAS:
        for reason in (False, True):
            allowed = write.with_reason if reason and write.with_reason else write.writers
            user = world.users[who]
            saved = transaction.savepoint()
            try:
                if reason:
                    give_reasons(world, user)
                before = fingerprint()
                url = write.url(world).format(son=world.ordinary["son"].pk)
                response = signed_in_client(user).post(url, write.form(world))
                changed = fingerprint() != before
            finally:
                transaction.savepoint_rollback(saved)
            if changed != (who in allowed):
                status = response.status_code
                where = response.get("Location", "")
                wrong.append(
                    f"{who}{' with a reason' if reason else ''}: "
                    f"{'changed' if changed else 'changed nothing'} ({status} {where})"
                )
    assert not wrong, f"POST {name}:\n" + "\n".join(wrong)
