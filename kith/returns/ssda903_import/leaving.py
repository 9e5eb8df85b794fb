"""Importing a return's care leavers' table (OC3) into their leaving care support and the check
around their birthday (leaving_care/models.py CareLeaver, BirthdayCheck).

The row is about the birthday from 17 to 21 that falls in the return's collection year: its
check is dated that birthday (the return does not say when the adviser made it) and says what
the row says, 0 being nothing. A row with the three answers blank records the support, not a
check. The young person's support is the one Kith holds, or one made for them: begun when their
care ended (as far as the return and Kith know) or on their 18th birthday at the latest, ended
on their 21st if that has passed, in their open case (a case made for it, if need be: as for
periods of care, cases.py).

A young person is rejected, with every reason, for a row that cannot be: a code the 903 never
had, some answers given and some blank, activity or accommodation for one who died or went home
(rule 344) or none for one in touch (345), a birthday in the year that is not their 17th to
21st (391), or a collection year the return does not say."""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.utils import timezone

from kith.accounts.models import User
from kith.care.models import CarePeriod
from kith.leaving_care.codes import NOTHING_TO_SAY, Accommodation, Activity, InTouch, SupportEnd
from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.people.models import Person
from kith.returns.census import CollectionYear
from kith.returns.ssda903_health import birthday
from kith.returns.ssda903_import.cases import IMPORTED, case_for
from kith.returns.ssda903_import.child import Child, Leaving, known
from kith.returns.ssda903_leavers import leaving_age

NOTHING = "0"
SUITABLE = {"1": True, "2": False}
NEVER_SUITABLE = {"S1", "X1"}  # rule 133


def read_leaving(children: dict[str, Child], rows: list[dict[str, str]], year: int | None) -> None:
    for row in rows:
        child = known(children, row)
        if child.leaving is not None:
            child.problems.append("More than one care leaver's row (OC3)")
        child.leaving = _leaving(child, row, year)


def _leaving(child: Child, row: dict[str, str], year: int | None) -> Leaving | None:
    problems = child.problems
    in_touch, activity, accommodation = row["IN_TOUCH"], row["ACTIV"], row["ACCOM"]
    if year is None:
        problems.append("A care leaver's row, but the return's collection year is not known")
        return None
    age = leaving_age(child.born, CollectionYear(year))
    if age is None:
        problems.append(
            f"A care leaver's row, but no birthday from 17 to 21 falls in {year - 1} to {year}"
        )
        return None
    given = [bool(in_touch), bool(activity), bool(accommodation)]
    if not any(given):
        return Leaving(age, "", "", "", None)
    if not all(given):
        problems.append("A care leaver's row gives some of IN_TOUCH, ACTIV and ACCOM, not all")
        return None
    if in_touch not in InTouch.values:
        problems.append(f"IN_TOUCH '{in_touch}' is not a 903 code")
    if activity != NOTHING and activity not in Activity.values:
        problems.append(f"ACTIV '{activity}' is not a 903 code")
    letter, digit = accommodation[:1], accommodation[1:]
    if accommodation != NOTHING and (
        letter not in Accommodation.values
        or digit not in SUITABLE
        or accommodation in NEVER_SUITABLE
    ):
        problems.append(f"ACCOM '{accommodation}' is not a 903 code")
    nothing = activity == NOTHING and accommodation == NOTHING
    if in_touch in NOTHING_TO_SAY and not nothing:
        problems.append(f"IN_TOUCH {in_touch}, but an activity or accommodation given (rule 344)")
    if in_touch == InTouch.YES and NOTHING in (activity, accommodation):
        problems.append("IN_TOUCH YES needs the activity and accommodation (rule 345)")
    return Leaving(
        age,
        in_touch,
        "" if activity == NOTHING else activity,
        "" if accommodation == NOTHING else letter,
        None if accommodation == NOTHING else SUITABLE.get(digit),
    )


def write_leaving(child: Child, person: Person, by: User) -> tuple[int | None, int]:
    """The young person's support and check, if the return has a row for them: the case the
    support is in, and how many checks were new."""
    leaving, born = child.leaving, person.date_of_birth
    if leaving is None or born is None:
        return None, 0
    on = birthday(born, leaving.age)
    leaver = CareLeaver.objects.filter(child=person).order_by("-started_on", "-pk").first()
    if leaver is None:
        leaver = _support(person, born, on, by)
    if (
        not leaving.in_touch
        or BirthdayCheck.objects.filter(leaver__child=person, age=leaving.age).exists()
    ):
        return leaver.case_id, 0
    BirthdayCheck.objects.create(
        leaver=leaver,
        age=leaving.age,
        checked_on=on,
        in_touch=leaving.in_touch,
        activity=leaving.activity,
        accommodation=leaving.accommodation,
        suitable=leaving.suitable,
        note=IMPORTED + " Dated the birthday: the return does not say when the check was made.",
        recorded_by=by,
    )
    return leaver.case_id, 1


def _support(person: Person, born: date, on: date, by: User) -> CareLeaver:
    """Support made for an imported care leaver: from the end of their care (or their 18th
    birthday at the latest) to their 21st, if that has passed."""
    left = CarePeriod.objects.filter(child=person, ended_on__lte=on).aggregate(
        left=Max("ended_on")
    )["left"]
    began = min(left or on, birthday(born, 18), on)
    until = birthday(born, 21)
    ended = until if until < timezone.localdate() else None
    case = case_for(person, began, ended, by=by, open_only=ended is None)
    return CareLeaver.objects.create(
        child=person,
        case=case,
        started_on=began,
        ended_on=ended,
        end_reason=SupportEnd.AGE if ended else "",
        recorded_by=by,
    )
