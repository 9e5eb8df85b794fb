"""Validation rules about assessments: dated after the referral, authorised after they start,
one open at a time, and the factors they found."""

from __future__ import annotations

from collections.abc import Iterator

from kith.returns.census import CensusChild
from kith.returns.rules.registry import (
    Problem,
    _assessment,
    _before,
    _case,
    _d,
    _p,
    validation_rule,
)


@validation_rule("1103", "Assessment started before the referral")
def assessment_after_referral(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for a in e.assessments:
            if _before(a.started, e.referral):
                yield _p(
                    "1103",
                    child,
                    f"The assessment started on {_d(a.started)}, before the referral "
                    f"({_d(e.referral)})",
                    _assessment(a),
                    e,
                    f"assessment {a.pk}",
                )


@validation_rule("8608", "Assessment authorised before it started")
def authorised_after_start(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for a in e.assessments:
            if _before(a.authorised, a.started):
                yield _p(
                    "8608",
                    child,
                    f"The assessment was authorised on {_d(a.authorised)}, before the date it "
                    f"started ({_d(a.started)}): correct the start date",
                    _assessment(a),
                    e,
                    f"assessment {a.pk}",
                )


@validation_rule("8896", "More than one assessment open")
def one_open_assessment(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        open_ = [a for a in e.assessments if a.authorised is None]
        if len(open_) > 1:
            yield _p(
                "8896",
                child,
                f"Case {e.reference} has {len(open_)} assessments not yet authorised: finish "
                "one before starting another",
                _case(e),
                e,
            )


@validation_rule("8897Q", "Assessment authorised without factors", query=True)
def factors_recorded(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for a in e.assessments:
            if a.authorised and not a.factors:
                yield _p(
                    "8897Q",
                    child,
                    f"The assessment authorised on {_d(a.authorised)} names no factors: choose "
                    "them, or 'No factors identified'",
                    _assessment(a),
                    e,
                    f"assessment {a.pk}",
                )


@validation_rule("8869", "'No factors identified' with other factors")
def no_factors_alone(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for a in e.assessments:
            if "21" in a.factors and len(set(a.factors)) > 1:
                yield _p(
                    "8869",
                    child,
                    "The assessment names 'No factors identified' and other factors too: keep "
                    "one or the other",
                    _assessment(a),
                    e,
                    f"assessment {a.pk}",
                )
