"""A person's record: finding and adding people, their identity, addresses, relationships and
involvements, merging two records and who may see one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from kith.test import date_fields
from kith.web.tests.world import World
from kith.web.tests.writes.writers import (
    CASE,
    CASEWORK_RECORDERS,
    FAMILY,
    NOBODY,
    STAFF,
    TODAY,
    Write,
    url,
)


def _identity(w: World) -> dict[str, Any]:
    m = w.ordinary["mother"]
    return {"version": m.version, "first_name": "Maude", "family_name": m.family_name, "sex": "F"}


WRITES: dict[str, list[Write]] = {
    "people:find": [Write(url("people:find"), lambda w: {"q": "pennock"}, NOBODY)],
    "people:new": [
        Write(
            url("people:new"),
            lambda w: {
                "first_name": "Newt",
                "family_name": "Oddly",
                "sex": "M",
                **date_fields("date_of_birth", date(2019, 1, 2)),
                "confirmed_new": "on",
            },
            CASEWORK_RECORDERS,
        )
    ],
    "people:person": [Write(url("people:person", "mother"), lambda w: {}, NOBODY)],
    # A reason given is itself recorded (and is what lets someone read the record). A personal
    # adviser may give none: they open only the records of the young people they advise.
    "people:reason": [
        Write(
            url("people:reason", "son"),
            lambda w: {"why": "Police called out of hours about the family"},
            STAFF - {"personal adviser"},
        )
    ],
    "people:family_network": [Write(url("people:family_network", "mother"), lambda w: {}, NOBODY)],
    "people:change_identity": [
        Write(url("people:change_identity", "mother"), _identity, FAMILY),
        Write(
            url("people:change_identity", "son"),
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
            url("people:change_background", "mother"),
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
            url("people:change_identifiers", "mother"),
            lambda w: {"version": w.ordinary["mother"].version, "nhs_number": "9434765919"},
            FAMILY,
        )
    ],
    "people:add_other_name": [
        Write(
            url("people:add_other_name", "mother"),
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
            url("people:add_identifier", "mother"),
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
            url("people:add_address", "mother"),
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
            url("people:end_address", "mother", "mother_home"),
            lambda w: {"version": w.ordinary["mother"].version, **date_fields("end_date", TODAY())},
            FAMILY,
        )
    ],
    "people:add_relationship": [
        Write(
            url("people:add_relationship", "son"),
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
            url("people:change_relationship", "mother", "mother_and_son"),
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
            url("people:add_involvement", "mother"),
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
            url("people:change_involvement", "mother", "mother_gp"),
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
            url("people:add_unborn", "mother"),
            lambda w: {
                "family_name": "Pennock",
                **date_fields("expected_date_of_birth", TODAY() + timedelta(days=60)),
            },
            FAMILY,
        )
    ],
    "people:merge": [
        Write(
            url("people:merge", "duplicate"),
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
            url("people:restriction", "stranger"),
            lambda w: {"action": "restrict", "why": "Child of a member of staff here"},
            frozenset({"head of service"}),
            with_reason=frozenset({"head of service", "administrator"}),
        )
    ],
    "people:subject_access": [Write(url("people:subject_access", "mother"), lambda w: {}, NOBODY)],
}
