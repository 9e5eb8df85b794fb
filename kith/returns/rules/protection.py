"""Validation rules about child protection: section 47 enquiries and initial conferences, and
child protection plans (their dates, reviews and overlaps, an open case, the child's death)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from kith.returns.census import CensusChild
from kith.returns.rules.registry import Fix, Problem, _cp_plan, _d, _p, _url, validation_rule

# --- Section 47 enquiries and conferences ---------------------------------------------------------


@validation_rule("2889", "Section 47 enquiry before the referral")
def enquiry_after_referral(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for s in e.enquiries:
            if s.started < e.referral:
                yield _p(
                    "2889",
                    child,
                    f"The section 47 enquiry started ({_d(s.started)}) before the referral "
                    f"({_d(e.referral)})",
                    Fix("Open the enquiry", _url("protection:enquiry", s.pk)),
                    e,
                    f"enquiry {s.pk}",
                )


@validation_rule("8875", "Initial conference on a weekend")
def conference_on_a_weekday(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for s in e.enquiries:
            if s.conference is not None and s.conference.weekday() >= 5:
                yield _p(
                    "8875",
                    child,
                    f"The initial conference is dated {_d(s.conference)}, a weekend: check the "
                    "date",
                    # To the conference, which holds the date (through the enquiry it answered).
                    Fix(
                        "Check the conference's date",
                        _url("protection:enquiry_conference", s.pk),
                        view=_url("protection:enquiry", s.pk),
                    ),
                    e,
                    f"enquiry {s.pk}",
                )


# --- Child protection plans ------------------------------------------------------------------


@validation_rule("1105", "Child protection plan before the referral")
def cp_plan_after_referral(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.protection_plans:
            if p.started < e.referral:
                yield _p(
                    "1105",
                    child,
                    f"The child protection plan starts ({_d(p.started)}) before the referral "
                    f"({_d(e.referral)})",
                    _cp_plan(p),
                    e,
                    f"cp plan {p.pk}",
                )


@validation_rule("8840", "Child protection plan starts and ends on one day")
def cp_plan_length(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.protection_plans:
            if p.ended is not None and p.ended <= p.started:
                yield _p(
                    "8840",
                    child,
                    f"The child protection plan from {_d(p.started)} ends on {_d(p.ended)}: a "
                    "plan ends after the day it starts",
                    _cp_plan(p),
                    e,
                    f"cp plan {p.pk}",
                )


@validation_rule("8841", "Review conference on or before the plan started")
def review_after_start(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.protection_plans:
            for review in p.reviews:
                if review <= p.started:
                    yield _p(
                        "8841",
                        child,
                        f"A review conference ({_d(review)}) is dated on or before the plan "
                        f"started ({_d(p.started)})",
                        _cp_plan(p),
                        e,
                        f"cp plan {p.pk}",
                    )


@validation_rule("8940", "Child protection plans overlap")
def cp_plans_apart(child: CensusChild) -> Iterator[Problem]:
    plans = sorted((p for e in child.episodes for p in e.protection_plans), key=lambda p: p.started)
    for earlier, later in pairwise(plans):
        if earlier.ended is None or later.started < earlier.ended:
            yield _p(
                "8940",
                child,
                f"The child protection plan from {_d(later.started)} starts before the one "
                f"from {_d(earlier.started)} ended",
                _cp_plan(later),
                None,
                f"cp plan {later.pk}",
            )


@validation_rule("KITH1", "On a child protection plan with no open case")
def cp_plan_in_open_case(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.protection_plans:
            if p.ended is None and e.closed is not None:
                yield _p(
                    "KITH1",
                    child,
                    f"The child is on a child protection plan, but case {e.reference} closed on "
                    f"{_d(e.closed)}: end the plan, or reopen the work",
                    _cp_plan(p),
                    e,
                    f"cp plan {p.pk}",
                )


@validation_rule("8915", "Child protection plan after the child died")
def cp_plan_before_death(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for p in e.protection_plans:
            if child.death is not None and (p.ended or date.max) > child.death:
                yield _p(
                    "8915",
                    child,
                    f"The child protection plan runs after the child's death ({_d(child.death)})",
                    _cp_plan(p),
                    e,
                    f"cp plan {p.pk}",
                )
