"""Records in a case: assessments, visits, case notes, closures and child in need plans.

Every record starts as a draft (saved as you type), is then submitted, and, where practice asks
for a manager's sign-off, authorised. A final record is locked: it can be corrected only by an
amendment that keeps what it said before. Every save that counts is a RecordVersion, so each
record has its whole history.
"""

from kith.recording.models.base import Record, RecordVersion, Status
from kith.recording.models.plans import (
    AbstractPlanAction,
    ChildInNeedPlan,
    PlanAction,
    PlanReview,
    ReviewDecision,
)
from kith.recording.models.records import Assessment, CaseNote, Closure, Visit

__all__ = [
    "AbstractPlanAction",
    "Assessment",
    "CaseNote",
    "ChildInNeedPlan",
    "Closure",
    "PlanAction",
    "PlanReview",
    "Record",
    "RecordVersion",
    "ReviewDecision",
    "Status",
    "Visit",
]
