"""Importing a return's adoption tables into the children's adoption plans
(permanence/models.py AdoptionPlan): each decision to place for adoption (PlacedAdoption) in the
period of care it was made in, with the decision that the child should no longer be, and the
adoption (AD1) as the match and the adopters of the decision that led to it.

A child is rejected, with every reason, for rows that cannot be their history: a date that is
not one, a code the 903 never had, a decision ended before it was made or with no reason (or a
reason and no date), two decisions standing at once, a decision made outside their care, an
adoption for a child whose care the return does not end in adoption (E11 or E12), a match
before the decision, one adopter who is a couple. An AD1 row with nothing in it says nothing,
and is passed over."""

from __future__ import annotations

from datetime import date

from kith.accounts.models import User
from kith.care.codes import ADOPTED
from kith.care.models import CarePeriod
from kith.permanence.codes import (
    SINGLE_ADOPTER,
    AdoptersLegalStatus,
    AdoptersSex,
    NoLongerAdoptionReason,
)
from kith.permanence.models import AdoptionPlan
from kith.returns.ssda903_import.cases import IMPORTED, NOT_RECORDED
from kith.returns.ssda903_import.child import (
    Adopted,
    Child,
    Decision,
    day,
    known,
    periods_of,
    spans,
)

ADOPTERS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def read_adoptions(
    children: dict[str, Child], placed: list[dict[str, str]], adoptions: list[dict[str, str]]
) -> None:
    """The decisions and adoptions of each child, whose episodes are read and in order."""
    for row in placed:
        child = known(children, row)
        decision = _decision(row, child.problems)
        if decision is not None:
            child.decisions.append(decision)
    for row in adoptions:
        if not any(row[c] for c in ADOPTERS):
            continue
        child = known(children, row)
        if child.adopted is not None:
            child.problems.append("More than one adoption (AD1)")
        child.adopted = _adopted(row, child.problems)
    for child in children.values():
        child.decisions.sort(key=lambda d: d.decided_on)
        child.problems += _problems(child)


def _decision(row: dict[str, str], problems: list[str]) -> Decision | None:
    decided = day(row["DATE_PLACED"], "A decision to place for adoption's date", problems)
    ended = day(
        row["DATE_PLACED_CEASED"], "A decision no longer to place for adoption's date", problems,
        blank=True,
    )  # fmt: skip
    reason = row["REASON_PLACED_CEASED"]
    if reason and reason not in NoLongerAdoptionReason.values:
        problems.append(f"Why no longer to be adopted '{reason}' is not a 903 code")
    if bool(row["DATE_PLACED_CEASED"]) != bool(reason):
        problems.append(
            "A decision that the child should no longer be placed for adoption needs both its "
            "date and its reason"
        )
    if decided and ended and ended < decided:
        problems.append(
            f"The decision of {decided:%d/%m/%Y} to place for adoption ends before it was made"
        )
    return Decision(decided, ended, reason) if decided else None


def _adopted(row: dict[str, str], problems: list[str]) -> Adopted | None:
    decided = day(row["DATE_INT"], "The adoption's decision (DATE_INT)", problems)
    matched = day(row["DATE_MATCH"], "The match (DATE_MATCH)", problems, blank=True)
    foster, number, sex, status = (
        row["FOSTER_CARE"], row["NB_ADOPTR"], row["SEX_ADOPTR"], row["LS_ADOPTR"],
    )  # fmt: skip
    for what, value, allowed in (
        ("FOSTER_CARE", foster, ("0", "1")),
        ("NB_ADOPTR", number, ("1", "2")),
        ("SEX_ADOPTR", sex, AdoptersSex.values),
        ("LS_ADOPTR", status, AdoptersLegalStatus.values),
    ):
        if value and value not in allowed:
            problems.append(f"{what} '{value}' is not a 903 code")
    if number and sex and (number == "1") != (sex in SINGLE_ADOPTER):
        problems.append(f"{number} adopter(s), but SEX_ADOPTR is {sex}")
    if number and status and (number == "1") != (status == AdoptersLegalStatus.SINGLE):
        problems.append(f"{number} adopter(s), but LS_ADOPTR is {status}")
    if decided and matched and matched < decided:
        problems.append(f"The match ({matched:%d/%m/%Y}) is before the decision to adopt")
    if decided is None:
        return None
    return Adopted(
        decided,
        matched,
        {"1": True, "0": False}.get(foster),
        int(number) if number in ("1", "2") else None,
        sex,
        status,
    )


def _problems(child: Child) -> list[str]:
    """Decisions made in the child's care, one standing at a time; an adoption that ended it."""
    found = []
    held = spans(child)
    standing: dict[int, Decision] = {}
    for decision in child.decisions:
        which = _within(held, decision.decided_on)
        if which is None:
            found.append(
                f"The decision of {decision.decided_on:%d/%m/%Y} to place for adoption is "
                "outside care"
            )
            continue
        earlier = standing.get(which)
        if earlier is not None and (
            earlier.ended_on is None or earlier.ended_on > decision.decided_on
        ):
            found.append(
                f"The decisions to place for adoption of {earlier.decided_on:%d/%m/%Y} and "
                f"{decision.decided_on:%d/%m/%Y} stand at the same time"
            )
        standing[which] = decision
    if child.adopted is not None:
        ends = [run[-1].end_reason for run in periods_of(child.episodes)]
        if not ends or ends[-1] not in ADOPTED:
            found.append("An adoption (AD1), but the return does not end the child's care in one")
    return found


def _within(held: list[tuple[date, date | None, bool]], on: date) -> int | None:
    """Which period of care a day falls in: from its start (or before it, if it began before
    the return's first episode of it) to its end."""
    for i, (start, end, earlier) in enumerate(held):
        if (start <= on or (earlier and i == 0)) and (end is None or on <= end):
            return i
    return None


def write_adoptions(child: Child, periods: list[CarePeriod], by: User) -> tuple[int, int]:
    """The child's decisions in the periods of care just written (each already here from an
    earlier return gains only its end), then the adoption; how many of each were new."""
    held = [(p.started_on, p.ended_on, bool(p.began_earlier_as)) for p in periods]
    new_decisions = 0
    for decision in child.decisions:
        which = _within(held, decision.decided_on)
        if which is None:
            continue
        plan, made = _plan(periods[which], decision.decided_on, by)
        new_decisions += made
        if decision.ended_on and plan.ended_on is None:
            plan.ended_on, plan.end_reason = decision.ended_on, decision.end_reason
            plan.save(update_fields=["ended_on", "end_reason"])
    adopted = child.adopted
    adopted_in = [p for p in periods if p.end_reason in ADOPTED]
    if adopted is None or not adopted_in:
        return new_decisions, 0
    plan, made = _plan(adopted_in[-1], adopted.decided_on, by)
    new_decisions += made
    given = {
        "matched_on": adopted.matched_on,
        "foster_carers_adopting": adopted.foster_carers,
        "adopters_number": adopted.number,
        "adopters_sex": adopted.sex,
        "adopters_legal_status": adopted.legal_status,
    }
    changed = [
        name
        for name, value in given.items()
        if value not in (None, "") and getattr(plan, name) in (None, "")
    ]
    for name in changed:
        setattr(plan, name, given[name])
    if changed:
        plan.save(update_fields=changed)
    return new_decisions, 1


def _plan(period: CarePeriod, decided_on: date, by: User) -> tuple[AdoptionPlan, int]:
    plan = AdoptionPlan.objects.filter(period=period, decided_on=decided_on).first()
    if plan is not None:
        return plan, 0
    made = AdoptionPlan.objects.create(
        period=period,
        decided_on=decided_on,
        decision_maker=NOT_RECORDED,
        note=IMPORTED,
        recorded_by=by,
    )
    return made, 1
