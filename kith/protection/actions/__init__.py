"""Every change to a child protection record. Each runs in one transaction, checks the version
where a form can go stale, and writes one audit event per child it touches.

One concept a module: `strategy_discussions`, `enquiries`, `conferences` (recording and amending
one), `conference_documents` (an agency's report), `plans` (the plan, its end, its core groups),
and `shared` (the audit event each writes). Every action is named here, as before the split, so
`actions.record_conference(…)` reads the same wherever it is called.
"""

from kith.protection.actions.conference_documents import attach_report
from kith.protection.actions.conferences import amend_conference, record_conference
from kith.protection.actions.enquiries import update_enquiries, update_enquiry
from kith.protection.actions.plans import (
    end_plan,
    record_core_group,
    record_core_groups,
    update_plan,
    update_plans,
)
from kith.protection.actions.strategy_discussions import record_strategy_discussion

__all__ = [
    "amend_conference",
    "attach_report",
    "end_plan",
    "record_conference",
    "record_core_group",
    "record_core_groups",
    "record_strategy_discussion",
    "update_enquiries",
    "update_enquiry",
    "update_plan",
    "update_plans",
]
