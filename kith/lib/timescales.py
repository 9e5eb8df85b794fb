"""The timescales children's services work to, held as data (docs/reference/timescales.md):
what sets each one off, how long it allows, in which unit, where it comes from, and whether the
authority may set its own; how a deadline stands; and the shape of a deadline the records call
for (Wanted).

National timescales (Working Together to Safeguard Children 2023) are fixed here. Local ones
are the authority's to change without code (timescales.models.LocalRule, on the Timescales
page, which the timescales app hands to `read_local_changes_from`); a change applies to
deadlines set from then on, never to ones already set. Every timescale is shown and warned
about; none ever stops anyone recording.

They live in lib, below every app, because the records' own apps (cases, recording,
protection) count their deadlines by them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.db import models

from kith.lib.timescale_rules import (  # noqa: F401 (the rules are read through this module)
    CPPCR,
    HEALTH_GUIDANCE,
    LOCAL,
    RULES,
    WORKING_TOGETHER,
    Rule,
    Unit,
    add,
)
from kith.lib.working_days import working_days_between

# The most a local rule may be set to: a typing slip ("100 weeks") is refused.
LONGEST = {Unit.WORKING_DAYS: 130, Unit.DAYS: 182, Unit.WEEKS: 26, Unit.MONTHS: 12}


def offset_problem(rule: Rule, offset: int | None) -> str | None:
    """Whether the authority may set this rule to `offset` (in the rule's own unit: plans hold
    their visit and core group intervals in that unit)."""
    if not rule.local:
        return f"'{rule.what}' is a national timescale ({rule.source}) and cannot be changed"
    if offset is None or offset < 1:
        return "Enter a whole number of at least 1"
    longest = LONGEST[Unit(rule.unit)]
    if offset > longest:
        return f"Enter at most {longest} {Unit(rule.unit).label}"
    return None


# --- The authority's rules now: national ones, with the local changes -----------------------

_STALE_AFTER_SECONDS = 60
_cache: tuple[float, dict[str, Rule]] | None = None
# The authority's changes, oldest first, as (rule, offset): none until the timescales app,
# which keeps them, says where to read them.
LocalChanges = Callable[[], Iterable[tuple[str, int]]]
_local_changes: LocalChanges = tuple


def read_local_changes_from(source: LocalChanges) -> None:
    global _local_changes
    _local_changes = source
    forget()


def current() -> dict[str, Rule]:
    """Every rule as the authority has set it. Read at most once a minute per process: a change
    reaches every server within a minute, and a page never pays a query for it."""
    global _cache
    if _cache is None or time.monotonic() - _cache[0] > _STALE_AFTER_SECONDS:
        rules = dict(RULES)
        for key, offset in _local_changes():
            if key in rules and rules[key].local:
                rules[key] = replace(rules[key], offset=offset)
        _cache = (time.monotonic(), rules)
    return _cache[1]


def forget() -> None:
    """Read the rules again next time (after a change, and between tests)."""
    global _cache
    _cache = None


def rule(key: str) -> Rule:
    return current()[key]


# --- How a deadline stands ----------------------------------------------------------------------

# "Due soon" from this many working days before the due date: time to plan a visit or a meeting.
DUE_SOON_WORKING_DAYS = 5


class Standing(models.TextChoices):
    DUE = "due", "Due"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    ON_TIME = "on_time", "Done on time"
    LATE = "late", "Done late"
    NOT_NEEDED = "not_needed", "No longer needed"


def standing(due: date, done: date | None, today: date, withdrawn: bool = False) -> Standing:
    """How a deadline stands: no longer needed if its reason went away (the enquiry ended
    without a conference, the plan ended, the date it hung on was corrected); otherwise done on
    time or late (late if done after the due date), overdue (not done and the due date has
    passed), due soon (within DUE_SOON_WORKING_DAYS working days) or due."""
    if withdrawn:
        return Standing.NOT_NEEDED
    if done is not None:
        return Standing.ON_TIME if done <= due else Standing.LATE
    if today > due:
        return Standing.OVERDUE
    if working_days_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return Standing.DUE_SOON
    return Standing.DUE


def needs_reason(state: Standing) -> bool:
    """A missed timescale is explained by the worker, as Working Together asks."""
    return state in (Standing.OVERDUE, Standing.LATE)


# --- A deadline the records call for -----------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    """A deadline the records call for: which case, which rule, what set it off (unique per
    case and rule), from when, by when, and when it was done if it was. The apps whose records
    set deadlines off produce these; timescales.deadlines stores them."""

    case_id: int
    rule: str
    about: str
    what: str
    started_on: date
    due_on: date
    done_on: date | None = None
