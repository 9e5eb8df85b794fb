"""The catalogue of things Kith audits. The verb is stored as plain text, so adding one here
needs no migration; the description is what the audit pages show."""

from __future__ import annotations

from enum import StrEnum


class Verb(StrEnum):
    description: str

    def __new__(cls, value: str, description: str) -> Verb:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    SIGNED_IN = "signed_in", "Signed in"
    SIGNED_OUT = "signed_out", "Signed out"
    SIGNED_OUT_IDLE = "signed_out_idle", "Signed out after a time without activity"
    TWO_STEP_SET_UP = "two_step_set_up", "Set up two-step sign-in"
    SESSIONS_ENDED = "sessions_ended", "Signed out of their other sessions"
    SIGN_IN_FAILED = "sign_in_failed", "Tried to sign in with a wrong name or password"
    SIGN_IN_REFUSED = "sign_in_refused", "Sign-in refused after too many failed attempts"
    PERSON_SEARCHED = "person_searched", "Searched for a person"
    PERSON_VIEWED = "person_viewed", "Looked at a person's record"
    PERSON_CREATED = "person_created", "Added a person"
    PERSON_CHANGED = "person_changed", "Changed a person's details"
    RECORD_RESTRICTED = "record_restricted", "Restricted a record to named people"
    RECORD_UNRESTRICTED = "record_unrestricted", "Lifted a record's restriction"
    RESTRICTED_ACCESS_GRANTED = "restricted_access_granted", "Named someone on a restricted record"
    RESTRICTED_ACCESS_ENDED = "restricted_access_ended", "Removed someone from a restricted record"
    PERSONS_MERGED = "persons_merged", "Merged two records of the same person"
    MERGE_UNDONE = "merge_undone", "Undid a merge of two records"
    ACCESS_REFUSED = "access_refused", "Was refused a page"
    SUBJECT_ACCESS_PRODUCED = "subject_access_produced", "Produced a subject access bundle"
    AUDIT_VIEWED = "audit_viewed", "Looked at the audit log"
    AUDIT_EXPORTED = "audit_exported", "Exported part of the audit log"
    DEMO_AUTHORITY_BUILT = "demo_authority_built", "Built the demo authority"

    @classmethod
    def describe(cls, value: str) -> str:
        try:
            return cls(value).description  # type: ignore[call-arg]
        except ValueError:
            return value.replace("_", " ").capitalize()
