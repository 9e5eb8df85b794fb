"""The SSDA903's OC2 table: outcomes for children looked after continuously for at least 12
months at 31 March, counted from the dated checks the child's record keeps (care/codes.py
Check), never typed for the return.

Who is in it (the DfE's validation rules, as the community validator applies them): a child
looked after since 1 April at the latest and still on 31 March (a child who left care on 31
March itself is still counted), who had no short breaks (V3, V4) in the year.

Each item, from the checks done in the year (1 April to 31 March):
- CONVICTED (aged 10 or over on 31 March): convicted, or given a youth caution, in the year.
- HEALTH_CHECK (under 5 on 31 March): health surveillance up to date on 31 March, that is a
  health assessment or review in the 6 months before (its developmental check is part of it:
  Kith records no separate developmental check).
- IMMUNISATIONS: up to date, as the year's latest immunisations check found.
- TEETH_CHECK: teeth checked by a dentist in the year.
- HEALTH_ASSESSMENT: the year's statutory health assessments done: one, or two for a child
  under 5 on 31 March (reviewed every 6 months; reference/timescales.md).
- SUBSTANCE_MISUSE: a substance misuse problem identified in the year; INTERVENTION_RECEIVED
  whether an intervention was received, and only if it was not, INTERVENTION_OFFERED whether
  one was offered (rules 158, 159, 193).
- SDQ_SCORE or SDQ_REASON: from the year's latest questionnaire, for a child 4 or over on 31
  March and not yet 17 on 1 April (rules 188, 189); nothing if none was recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from kith.care.codes import SHORT_BREAKS, Check
from kith.care.episodes import Episode
from kith.care.models import CarePeriod, CheckRecord
from kith.people.models import Person
from kith.returns.census import CollectionYear

OC2_CHECKS = (
    Check.CONVICTION,
    Check.HEALTH_ASSESSMENT,
    Check.HEALTH_REVIEW,
    Check.IMMUNISATIONS,
    Check.DENTAL,
    Check.SUBSTANCE_MISUSE,
    Check.SDQ,
)
HEALTH = (Check.HEALTH_ASSESSMENT, Check.HEALTH_REVIEW)


def birthday(born: date, years: int) -> date:
    """The day a child born on `born` turns `years` (28 February for a 29 February birthday
    in a year without one, as the DfE's rules count it)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)


def continuously_looked_after(
    periods: Sequence[CarePeriod], in_year: Sequence[Episode], year: CollectionYear
) -> bool:
    if any(e.legal_status in SHORT_BREAKS for e in in_year):
        return False
    return any(
        p.started_on <= year.start and (p.ended_on is None or p.ended_on >= year.end)
        for p in periods
    )


def _flag(value: bool) -> str:
    return "1" if value else "0"


def oc2_row(person: Person, checks: Sequence[CheckRecord], year: CollectionYear) -> dict[str, str]:
    """The child's OC2 items (but CHILD and DOB), from the year's checks, oldest first."""
    born = person.date_of_birth
    kinds: dict[str, list[CheckRecord]] = {}
    for check in checks:
        if year.holds(check.done_on):
            kinds.setdefault(check.kind, []).append(check)
    under_5 = born is not None and birthday(born, 5) > year.end
    health = [c.done_on for c in checks if c.kind in HEALTH and year.holds(c.done_on)]
    immunised = kinds.get(Check.IMMUNISATIONS, [])
    substance = kinds.get(Check.SUBSTANCE_MISUSE, [])
    received = any(c.received for c in substance)
    row = {
        "SDQ_SCORE": "",
        "SDQ_REASON": "",
        "CONVICTED": "",
        "HEALTH_CHECK": "",
        "IMMUNISATIONS": _flag(bool(immunised) and immunised[-1].answer is True),
        "TEETH_CHECK": _flag(Check.DENTAL in kinds),
        "HEALTH_ASSESSMENT": _flag(len(health) >= (2 if under_5 else 1)),
        "SUBSTANCE_MISUSE": _flag(bool(substance)),
        "INTERVENTION_RECEIVED": _flag(received) if substance else "",
        "INTERVENTION_OFFERED": "",
    }
    if substance and not received:
        row["INTERVENTION_OFFERED"] = _flag(any(c.answer for c in substance))
    if born is not None and birthday(born, 10) <= year.end:
        row["CONVICTED"] = _flag(Check.CONVICTION in kinds)
    if under_5:
        recent = year.end - timedelta(days=183)
        row["HEALTH_CHECK"] = _flag(any(d > recent for d in health))
    sdq_due = born is not None and birthday(born, 4) <= year.end
    if sdq_due and born is not None and birthday(born, 17) >= year.start:
        latest = kinds.get(Check.SDQ, [])[-1:]
        for sdq in latest:
            if sdq.sdq_score is not None:
                row["SDQ_SCORE"] = str(sdq.sdq_score)
            else:
                row["SDQ_REASON"] = sdq.sdq_reason
    return row
