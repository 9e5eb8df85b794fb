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
    PERSON_SHOWN = "person_shown", "Was shown a person on a page (a list, a family, a record)"
    PERSON_CREATED = "person_created", "Added a person"
    PERSON_CHANGED = "person_changed", "Changed a person's details"
    RECORD_RESTRICTED = "record_restricted", "Restricted a record to named people"
    RECORD_UNRESTRICTED = "record_unrestricted", "Lifted a record's restriction"
    RESTRICTED_ACCESS_GRANTED = "restricted_access_granted", "Named someone on a restricted record"
    RESTRICTED_ACCESS_ENDED = "restricted_access_ended", "Removed someone from a restricted record"
    STRATEGY_RECORDED = "strategy_recorded", "Recorded a strategy discussion"
    ENQUIRY_UPDATED = "enquiry_updated", "Recorded a section 47 enquiry's findings"
    CONFERENCE_RECORDED = "conference_recorded", "Recorded a child protection conference"
    CONFERENCE_AMENDED = "conference_amended", "Amended a child protection conference"
    CP_PLAN_UPDATED = "cp_plan_updated", "Updated a child protection plan"
    CP_PLAN_ENDED = "cp_plan_ended", "Ended a child protection plan"
    CORE_GROUP_RECORDED = "core_group_recorded", "Recorded a core group meeting"
    CAME_INTO_CARE = "came_into_care", "Recorded a child coming into care"
    PLACEMENT_RECORDED = "placement_recorded", "Recorded a looked-after child's placement move"
    PLACEMENT_CORRECTED = "placement_corrected", "Corrected a looked-after child's placement"
    LEGAL_STATUS_RECORDED = "legal_status_recorded", "Recorded a change of legal status"
    CARE_ENDED = "care_ended", "Recorded the end of a period of care"
    SHORT_BREAK_RECORDED = "short_break_recorded", "Recorded a short break"
    CARE_DETAILS_CHANGED = "care_details_changed", "Changed a period of care's details"
    CARE_REVIEW_RECORDED = "care_review_recorded", "Recorded a looked-after review"
    MISSING_RECORDED = "missing_recorded", "Recorded a missing from care episode"
    CARE_CHECK_RECORDED = "care_check_recorded", "Recorded a health or education check"
    CARE_VIEWED = "care_viewed", "Looked at a looked-after child's care record"
    PERMANENCE_RECORDED = "permanence_recorded", "Recorded a step towards a child's permanence"
    ADOPTION_RECORDED = "adoption_recorded", "Recorded a step in a child's adoption"
    LEAVING_CARE_RECORDED = "leaving_care_recorded", "Recorded a care leaver's support"
    LEAVING_CARE_CONTACT = "leaving_care_contact", "Recorded contact with a care leaver"
    LEAVING_CARE_VIEWED = "leaving_care_viewed", "Looked at a care leaver's support"
    LETTER_PRINTED = "letter_printed", "Printed a young person's pathway plan letter"
    PROTECTION_VIEWED = "protection_viewed", "Looked at a child protection record"
    CONFERENCE_LETTER_PRINTED = "conference_letter_printed", "Printed a conference letter"
    CHRONOLOGY_MARKED = "chronology_marked", "Marked a chronology entry or added an analysis"
    CHRONOLOGY_EXPORTED = "chronology_exported", "Downloaded a chronology"
    DOCUMENT_ADDED = "document_added", "Attached a document"
    DOCUMENT_OPENED = "document_opened", "Opened a document"
    REASON_ASKED = "reason_asked", "Was asked for a reason to open a record outside their work"
    RECORD_OPENED_WITH_REASON = "record_opened_with_reason", "Opened a record giving a reason"
    REASON_REFUSED = "reason_refused", "Gave too short a reason to open a record"
    PERSONS_MERGED = "persons_merged", "Merged two records of the same person"
    MERGE_UNDONE = "merge_undone", "Undid a merge of two records"
    CONTACT_RECORDED = "contact_recorded", "Recorded a contact"
    CONTACT_VIEWED = "contact_viewed", "Looked at a contact"
    CONTACT_MATCHED = "contact_matched", "Matched a contact to a person"
    CONTACT_DECIDED = "contact_decided", "Recorded the decision on a contact"
    CONTACT_FEEDBACK = "contact_feedback", "Recorded what the referrer was told"
    CONTACT_LETTER_PRINTED = "contact_letter_printed", "Printed a letter to a referrer"
    CASE_OPENED = "case_opened", "Opened a case from a referral"
    CASE_VIEWED = "case_viewed", "Looked at a case"
    CASE_ALLOCATED = "case_allocated", "Allocated a case"
    CASE_CHANGED = "case_changed", "Changed a case's details"
    CASE_CLOSED = "case_closed", "Closed a case"
    RECORD_VIEWED = "record_viewed", "Looked at a record in a case"
    RECORD_SAVED = "record_saved", "Saved a draft record"
    RECORD_SUBMITTED = "record_submitted", "Submitted a record"
    RECORD_AUTHORISED = "record_authorised", "Authorised a record"
    RECORD_RETURNED = "record_returned", "Returned a record with comments"
    RECORD_AMENDED = "record_amended", "Amended a finished record"
    PLAN_REVIEWED = "plan_reviewed", "Recorded a plan review"
    PLAN_PRINTED = "plan_printed", "Printed a plan for the family"
    ACCESS_REFUSED = "access_refused", "Was refused a page"
    NOT_FOUND = "not_found", "Asked for a page or record that is not there, or not theirs to see"
    SUBJECT_ACCESS_PRODUCED = "subject_access_produced", "Produced a subject access bundle"
    AUDIT_VIEWED = "audit_viewed", "Looked at the audit log"
    AUDIT_EXPORTED = "audit_exported", "Exported part of the audit log"
    DEMO_AUTHORITY_BUILT = "demo_authority_built", "Built the demo authority"
    CHRONOLOGY_EVENT_ADDED = "chronology_event_added", "Added a significant event to a chronology"
    RETURN_MADE = "return_made", "Made a statutory return file"
    RETURN_DOWNLOADED = "return_downloaded", "Downloaded a statutory return file"
    RETURN_CHECKED = "return_checked", "Checked a return with the community validator"
    DATA_QUALITY_VIEWED = "data_quality_viewed", "Looked at the census data quality page"
    FEED_MADE = "feed_made", "Made the DfE data feed"
    BACKUP_TAKEN = "backup_taken", "Took a backup of Kith"
    BACKUP_RESTORED = "backup_restored", "Restored Kith from a backup"
    CENSUS_IMPORTED = "census_imported", "Imported an earlier census return"
    SSDA903_IMPORTED = "ssda903_imported", "Imported a child from an earlier SSDA903 return"
    TIMESCALE_CHANGED = "timescale_changed", "Changed one of the authority's local timescales"
    LATE_REASON_GIVEN = "late_reason_given", "Said why a timescale was missed"
    # Administrators changing who may do what (kith/accounts/admin.py).
    USER_ADDED = "user_added", "Added someone who uses Kith"
    USER_ROLE_CHANGED = "user_role_changed", "Changed someone's role"
    USER_TEAM_CHANGED = "user_team_changed", "Moved someone to another team"
    USER_DEACTIVATED = "user_deactivated", "Switched off someone's access to Kith"
    USER_REACTIVATED = "user_reactivated", "Switched someone's access to Kith back on"

    @classmethod
    def describe(cls, value: str) -> str:
        try:
            return cls(value).description  # type: ignore[call-arg]
        except ValueError:
            return value.replace("_", " ").capitalize()
