"""The children in need census's rules about what a worker records, written once: checked when
a record is saved (the case page, the record and the person's page say what to fix, in plain
words, with a link) and across the authority before the return (the data quality page).

Each rule carries the DfE's own rule code (CIN census 2025 to 2026 validation rules, as the
community validator csc-validator-be-cin implements them) so a data officer can match it with
the DfE's report. A code ending in Q is a query: the DfE asks for a reason, not a correction.
Some rules the community validator cannot check from an XML file (8540, 8869) are here too.

Rules read a CensusChild (returns/census.py): all of the child's history when a record is
saved, and the collection year's view of it for the return, so both see the same facts.

The rules are grouped by what they check, a module each: the child (child.py), the referral and
its closure (referrals.py), assessments (assessments.py), child in need plans (cin_plans.py), and
child protection (protection.py). The registry, what a rule finds and the helpers the rules share
are in registry.py.
"""

from __future__ import annotations

from kith.returns.rules.registry import (
    VALIDATION_RULES,
    Check,
    Fix,
    Problem,
    ValidationRule,
    check,
    check_year,
    for_case,
    validation_rule,
)

# isort: off
# Each module registers its rules as it is imported, so this order is the order the rules are
# checked in and a page lists what they find.
from kith.returns.rules import child, referrals, assessments, cin_plans, protection

# isort: on

__all__ = [
    "VALIDATION_RULES",
    "Check",
    "Fix",
    "Problem",
    "ValidationRule",
    "assessments",
    "check",
    "check_year",
    "child",
    "cin_plans",
    "for_case",
    "protection",
    "referrals",
    "validation_rule",
]
