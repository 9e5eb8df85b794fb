"""Validation rules about child in need plans: after the referral, in order, and never at the
same time as a child protection plan."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kith.returns.census import CensusChild
from kith.returns.rules.registry import Fix, Problem, _before, _d, _p, _url, validation_rule


def _plan_fix(pk: int) -> Fix:
    return Fix("Open the child in need plan", _url("recording:record", "plan", pk))


@validation_rule("4015", "Child in need plan starts before the referral")
def plan_after_referral(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.plans:
            if p.started < e.referral:
                yield _p(
                    "4015",
                    child,
                    f"The child in need plan starts ({_d(p.started)}) before the referral "
                    f"({_d(e.referral)})",
                    _plan_fix(p.pk),
                    e,
                    f"plan {p.pk}",
                )


@validation_rule("4011", "Child in need plan ends before it starts")
def plan_in_order(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.plans:
            if _before(p.ended, p.started):
                yield _p(
                    "4011",
                    child,
                    f"The child in need plan ends ({_d(p.ended)}) before it starts "
                    f"({_d(p.started)})",
                    _plan_fix(p.pk),
                    e,
                    f"plan {p.pk}",
                )


@validation_rule("4016", "Child in need plan during a child protection plan")
def plans_apart(child: CensusChild) -> Iterator[Problem]:
    protection = [p for e in child.episodes for p in e.protection_plans]
    for e in child.episodes:
        for p in e.plans:
            for cp in protection:
                cin_end = p.ended or date.max
                cp_end = cp.ended or date.max
                if p.started < cp_end and cp.started < cin_end:
                    yield _p(
                        "4016",
                        child,
                        f"The child in need plan ({_d(p.started)} to "
                        f"{_d(p.ended) if p.ended else 'now'}) overlaps the child protection "
                        f"plan from {_d(cp.started)}: a child protection plan replaces the "
                        "child in need plan, so end it the day the child protection plan starts",
                        _plan_fix(p.pk),
                        e,
                        f"plan {p.pk}",
                    )
                    break
