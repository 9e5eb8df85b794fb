"""The SSDA903's tables of adoption and earlier permanence, derived from the record (the
adoption plan, permanence/models.py AdoptionPlan; how care ended; the period of care's earlier
order), never typed for the return. As the rest of the return, as the record stood on 31 March.

- PlacedAdoption: a row for each decision that a child looked after in the year should be
  placed for adoption, made by 31 March and still standing on 1 April or made since. DATE_PLACED
  is the date of the decision (not of the move to the adopters), DATE_PLACED_CEASED and
  REASON_PLACED_CEASED the decision that the child should no longer be placed, if made by 31
  March. A decision that ended before the year is not the year's (rules 118 and 561).
- AD1: a row for each child adopted in the year (care ended E11 or E12): DATE_INT the decision
  (the same date as PlacedAdoption's, rule 523), DATE_MATCH the match, and who the adopters are.
  FOSTER_CARE, if not recorded, is what the last placement says (A3 and A5 are with the child's
  foster carers, A4 and A6 not: rule 335); NB_ADOPTR, if not recorded, what SEX_ADOPTR says.
- PrevPerm (for a child who started to be looked after in the year): the earlier order the
  period records, with its date (DATE_PERM) and authority (LA_PERM). When those are blank and
  Kith holds the earlier period of care that ended in that order, its end and this authority;
  the same for "not known yet" (P4) when Kith knows. Nothing with Z1 (rule 635).

What the record lacks for a row is written blank (never guessed) and said in words
(ssda903.Missing), as the community validator will flag it: the adopters of an adopted child
(rule 601), a decision for a child with a placement order or placed for adoption (rules 551 and
553), the end of a decision for a child whose care ended otherwise (557), an order's date or
authority (630).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.conf import settings

from kith.care.codes import ADOPTED, ADOPTION, PREVIOUS_BY_ENDING, PreviousPermanence
from kith.care.models import CarePeriod
from kith.permanence.codes import SINGLE_ADOPTER
from kith.permanence.models import AdoptionPlan
from kith.returns.census import CollectionYear
from kith.returns.ssda903_children import InCare, Row, day

WITH_FOSTER_CARERS = {"A3": "1", "A5": "1", "A4": "0", "A6": "0"}
PLACEMENT_ORDER = "E1"
ADOPTERS = {
    "DATE_MATCH": "the date of the match",
    "FOSTER_CARE": "whether the adopters were the child's foster carers",
    "NB_ADOPTR": "how many adopters",
    "SEX_ADOPTR": "who the adopters are (SEX_ADOPTR)",
    "LS_ADOPTR": "the adopters' legal status",
}


def _standing(plan: AdoptionPlan, year: CollectionYear) -> bool:
    """Made by 31 March, and not ended before 1 April."""
    return plan.decided_on <= year.end and (plan.ended_on is None or plan.ended_on >= year.start)


def placed_rows(care: InCare, year: CollectionYear, missing: list[str]) -> Iterator[Row]:
    """PlacedAdoption (but CHILD and DOB) for one period of care in the year."""
    standing = [p for p in care.plans if _standing(p, year)]
    for plan in standing:
        ceased = plan.ended_on if plan.ended_on is not None and plan.ended_on <= year.end else None
        yield {
            "DATE_PLACED": day(plan.decided_on),
            "DATE_PLACED_CEASED": day(ceased),
            "REASON_PLACED_CEASED": plan.end_reason if ceased else "",
        }
    period = care.period
    step = None if standing else _adoption_step(care, year)
    if step is not None:
        missing.append(f"{step}, but no decision that they should be adopted is recorded")
    ended = period.ended_on
    if ended is not None and ended <= year.end and period.end_reason not in ADOPTED:
        for plan in standing:
            if plan.ended_on is None or plan.ended_on > year.end:
                missing.append(
                    f"care ended ({period.end_reason}) on {day(ended)} with the decision of "
                    f"{day(plan.decided_on)} that they should be placed for adoption still "
                    "standing: record the decision that they should no longer be"
                )


def _adoption_step(care: InCare, year: CollectionYear) -> str | None:
    """The first step towards adoption in the year's episodes, which a decision comes before:
    a placement order (rule 553) or a placement with prospective adopters (551)."""
    for episode in care.episodes:
        if episode.started_on > year.end or (
            episode.ended_on is not None and episode.ended_on < year.start
        ):
            continue
        if episode.legal_status == PLACEMENT_ORDER:
            return f"a placement order (E1) from {day(episode.started_on)}"
        placement = episode.placement
        if placement.kind in ADOPTION:
            return f"placed for adoption ({placement.kind}) from {day(placement.started_on)}"
    return None


def ad1_row(care: InCare, year: CollectionYear, missing: list[str]) -> Row | None:
    """AD1 (but CHILD and DOB) for a period of care that ended in adoption in the year."""
    period = care.period
    if period.end_reason not in ADOPTED or not year.holds(period.ended_on):
        return None
    open_plans = [p for p in care.plans if p.ended_on is None and p.decided_on <= year.end]
    plan = open_plans[-1] if open_plans else None
    if plan is None:
        missing.append(
            f"adopted on {day(period.ended_on)}, but no decision that they should be placed "
            "for adoption is recorded: AD1 is blank"
        )
        return dict.fromkeys(("DATE_INT", *ADOPTERS), "")
    foster = plan.foster_carers_adopting
    last_place = care.episodes[-1].placement.kind if care.episodes else ""
    number = plan.adopters_number
    if number is None and plan.adopters_sex:
        number = 1 if plan.adopters_sex in SINGLE_ADOPTER else 2
    row = {
        "DATE_INT": day(plan.decided_on),
        "DATE_MATCH": day(plan.matched_on),
        "FOSTER_CARE": WITH_FOSTER_CARERS.get(last_place, "")
        if foster is None
        else ("1" if foster else "0"),
        "NB_ADOPTR": str(number) if number else "",
        "SEX_ADOPTR": plan.adopters_sex,
        "LS_ADOPTR": plan.adopters_legal_status,
    }
    lacking = [what for column, what in ADOPTERS.items() if not row[column]]
    if lacking:
        missing.append(
            f"adopted on {day(period.ended_on)}, but the record has no "
            + ", ".join(lacking)
            + ": blank in AD1"
        )
    return row


def kith_order(history: list[CarePeriod], before: date) -> tuple[str, date] | None:
    """The order the child's last period of care in Kith before `before` ended in, as PREV_PERM
    and its date (as care/actions.py earlier_order finds it, from periods already read)."""
    earlier = [p for p in history if p.ended_on is not None and p.ended_on <= before]
    if not earlier:
        return None
    last = max(earlier, key=lambda p: (p.ended_on or before, p.pk))
    code = PREVIOUS_BY_ENDING.get(last.end_reason)
    return (code, last.ended_on) if code and last.ended_on else None


def previous_permanence(
    period: CarePeriod, history: list[CarePeriod], missing: list[str]
) -> tuple[str, date | None, str]:
    """PREV_PERM, DATE_PERM and LA_PERM for a period of care that began in the year."""
    code = period.previous_permanence
    ours = kith_order([p for p in history if p.pk != period.pk], period.started_on)
    if code == PreviousPermanence.NONE:
        if ours is not None:
            missing.append(
                f"recorded as having had no earlier order (Z1), but their care here ended in "
                f"one ({ours[0]}) on {day(ours[1])}"
            )
        return code, None, ""
    on, la = period.previous_permanence_on, period.previous_permanence_la
    own = settings.KITH_LA_CODE
    if ours is not None and la in ("", own) and code in (ours[0], PreviousPermanence.UNKNOWN):
        code, on, la = ours[0], on or ours[1], la or own
    if code == PreviousPermanence.UNKNOWN:
        missing.append("not known whether they had an earlier permanence order (P4)")
    elif on is None or not la:
        lacking = [w for w, v in (("date", on), ("authority", la)) if not v]
        missing.append(f"an earlier permanence order ({code}) without its {' or '.join(lacking)}")
    return code, on, la
