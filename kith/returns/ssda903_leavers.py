"""The SSDA903's OC3 table: how each care leaver was doing around their birthday in the year,
from their 17th to their 21st (IN_TOUCH, ACTIV, ACCOM), from the check the personal adviser
recorded for that birthday (leaving_care/models.py BirthdayCheck), never typed for the return.

Who is in it (the DfE's guidance, as the community validator's rules apply it):
- a young person whose 17th, 18th, 19th, 20th or 21st birthday falls in the year, and who is
  a care leaver: looked after for 13 weeks or more in all since their 14th birthday, some of it
  after their 16th, short breaks not counted (leaving_care/status.py), or whose leaving care
  support is recorded in Kith (the care history of a young person imported from an earlier
  return may be only the part that return held);
- at 17 and 18, only if they had left care before the birthday: one looked after on it, or
  leaving care on or after it, is not asked about (rules 1007 and 1016);
- never a young person whose last period of care ended in adoption (rule 1001), their death
  (1000), or another authority taking over their care (1011).

What is written:
- the check's answers: ACTIV its main activity, ACCOM the letter of where they live and 1 if
  it is suitable, 2 if not; 0 for either when the check has none (not in touch, say);
- DIED or RHOM with 0 and 0, whatever else the check says (rule 344);
- DIED with 0 and 0 for a young person with no check for this birthday whose earlier check or
  support ended with their death (rule 348 asks that a death stays reported);
- otherwise, with no check recorded for the birthday, the row with the three answers blank.
  Kith never guesses an answer (not even NO): the blank row keeps the young person counted,
  the community validator flags it (rules 131, 132 and 133) and the export says which young
  people have no check (ssda903.Missing), so the adviser records it before the return goes.
"""

from __future__ import annotations

from datetime import date, timedelta

from kith.care.codes import ADOPTED, SHORT_BREAKS
from kith.care.models import CarePeriod
from kith.leaving_care.codes import NOTHING_TO_SAY, LeaverStatus, SupportEnd
from kith.leaving_care.models import BirthdayCheck
from kith.leaving_care.status import Spell, nth, status
from kith.returns.census import CollectionYear
from kith.returns.ssda903_children import LEAVING_AGES, LookedAfter, day
from kith.returns.ssda903_health import birthday

# How care ended for a young person who is not a care leaver of this authority's.
NOT_A_LEAVER = ADOPTED | {"E2", "E3"}
QUALIFYING_HISTORY = (LeaverStatus.ELIGIBLE, LeaverStatus.RELEVANT)
DIED = "DIED"
BLANK = {"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}


def leaving_age(born: date | None, year: CollectionYear) -> int | None:
    """The birthday from 17 to 21 that falls in the year, if one does."""
    if born is None:
        return None
    return next((age for age in LEAVING_AGES if year.holds(birthday(born, age))), None)


def _care(child: LookedAfter) -> list[CarePeriod]:
    """The periods of care that count (not short breaks), oldest first."""
    return [p for p in child.history if child.first_status.get(p.pk) not in SHORT_BREAKS]


def in_oc3(child: LookedAfter, year: CollectionYear) -> int | None:
    """The age of the birthday the young person's OC3 row is about, or None if they have none
    this year."""
    born = child.person.date_of_birth
    age = leaving_age(born, year)
    if born is None or age is None:
        return None
    on = birthday(born, age)
    every = _care(child)
    care = [p for p in every if p.started_on <= on]
    if every and not care:
        return None  # came into care after this birthday (its care history is all in Kith)
    if care and care[-1].ended_on is not None and care[-1].end_reason in NOT_A_LEAVER:
        return None
    if age <= 18 and any(p.ended_on is None or p.ended_on >= on for p in care):
        return None  # looked after on the birthday, or left care on or after it (rule 1016)
    spells = [Spell(p.started_on, p.ended_on) for p in care]
    # Eligible or relevant at some time before 18 (former relevant after): the history up to
    # the day before the birthday, or before the 18th for those older.
    before = min(on, birthday(born, 18)) - timedelta(days=1)
    if status(born, spells, before) in QUALIFYING_HISTORY or child.support:
        return age
    return None


def _died_before(child: LookedAfter, age: int, on: date) -> bool:
    """An earlier birthday's check, or the support's end, says the young person died."""
    earlier = [c for a, c in child.birthday_checks.items() if a < age]
    if any(c.in_touch == DIED for c in earlier):
        return True
    return any(why == SupportEnd.DIED and ended and ended <= on for _, ended, why in child.support)


def answers(check: BirthdayCheck) -> dict[str, str]:
    """IN_TOUCH, ACTIV and ACCOM from a birthday check."""
    if check.in_touch in NOTHING_TO_SAY:
        return {"IN_TOUCH": check.in_touch, "ACTIV": "0", "ACCOM": "0"}
    return {"IN_TOUCH": check.in_touch, "ACTIV": check.activity or "0", "ACCOM": check.accom_code}


def oc3_row(child: LookedAfter, year: CollectionYear, missing: list[str]) -> dict[str, str] | None:
    """The young person's OC3 answers (but CHILD and DOB), or None if they are not in it; what
    the record lacks for it is added to `missing`, in words."""
    age = in_oc3(child, year)
    born = child.person.date_of_birth
    if age is None or born is None:
        return None
    on = birthday(born, age)
    check = child.birthday_checks.get(age)
    if check is not None:
        return answers(check)
    if _died_before(child, age, on):
        return {"IN_TOUCH": DIED, "ACTIV": "0", "ACCOM": "0"}
    missing.append(
        f"no check recorded around their {nth(age)} birthday ({day(on)}): IN_TOUCH, ACTIV and "
        "ACCOM are blank"
        + ("" if child.support else "; no leaving care support is recorded for them")
    )
    return dict(BLANK)
