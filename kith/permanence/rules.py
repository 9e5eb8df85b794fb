"""What a permanence or adoption record cannot say, each rule a function returning the message a
worker sees at the field (or None), tested directly at its edges (tests/test_rules.py)."""

from __future__ import annotations

from datetime import date

from kith.care.codes import ADOPTED
from kith.care.models import CarePeriod
from kith.permanence.codes import SINGLE_ADOPTER
from kith.permanence.journey import placed_for_adoption_on
from kith.permanence.models import AdoptionPlan


def _on(day: date) -> str:
    return f"{day:%-d %B %Y}"


def within_care(day: date | None, period: CarePeriod, what: str) -> str | None:
    """Something about the child's care happened while they were looked after."""
    if day is None:
        return None
    if day < period.started_on:
        return f"{what} cannot be before the child came into care ({_on(period.started_on)})"
    if period.ended_on is not None and day > period.ended_on:
        return f"{what} must be on or before the day care ended ({_on(period.ended_on)})"
    return None


# Couples by their sexes, and the legal statuses that describe them (the 903's AD1).
DIFFERENT_SEX = {"L11", "L3"}
SAME_SEX = {"L12", "L4"}


def match_problems(
    plan: AdoptionPlan,
    matched_on: date | None,
    number: int | None,
    sex: str,
    status: str,
    placed_on: date | None = None,
) -> dict[str, str]:
    """The match follows the decision and comes before the child moves in with the adopters,
    and who the adopters are agrees with itself (the 903's AD1: one adopter is single, a
    couple is two, a male and female couple is not a same-sex one)."""
    found: dict[str, str] = {}
    if matched_on is not None and matched_on < plan.decided_on:
        found["matched_on"] = (
            "The match cannot be before the decision that the child should be adopted "
            f"({_on(plan.decided_on)})"
        )
    elif matched_on is not None and placed_on is not None and matched_on > placed_on:
        found["matched_on"] = (
            f"The match comes before the child moved in with the adopters ({_on(placed_on)})"
        )
    if (sex == "MF" and status in SAME_SEX) or (sex in ("MM", "FF") and status in DIFFERENT_SEX):
        found["adopters_legal_status"] = "This legal status does not fit the couple chosen above"
    if number and sex and (number == 1) != (sex in SINGLE_ADOPTER):
        found["adopters_sex"] = (
            "One adopter is a single man or woman" if number == 1 else "A couple is two people"
        )
    if number and status and (number == 1) != (status == "L0"):
        found["adopters_legal_status"] = (
            "One adopter's legal status is single" if number == 1 else "Say how the couple are"
        )
    return found


def no_longer_problem(plan: AdoptionPlan, day: date | None) -> str | None:
    if day is not None and day < plan.decided_on:
        return (
            "The decision that the child should no longer be adopted cannot be before the "
            f"decision that they should ({_on(plan.decided_on)})"
        )
    return None


def adoption_order_problems(period: CarePeriod, ended_on: date, end_reason: str) -> dict[str, str]:
    """Care ends in adoption only after the child was placed with the adopters they were matched
    with: an adoption order before the placement, or with no match recorded, is refused (the
    903's AD1 is written from the match)."""
    if end_reason not in ADOPTED:
        return {}
    plan = AdoptionPlan.objects.filter(period=period, ended_on__isnull=True).first()
    if plan is None:
        return {
            "end_reason": "Record the decision that the child should be adopted, and the match, "
            "before the adoption order"
        }
    placed = placed_for_adoption_on(period, plan.decided_on)
    if placed is None or placed >= ended_on:
        return {
            "ended_on": "An adoption order comes after the child was placed for adoption: "
            "record the move to the adopters first"
            + (f" (placed on {_on(placed)})" if placed else "")
        }
    if plan.matched_on is None:
        return {"end_reason": "Record the match with the adopters before the adoption order"}
    return {}
