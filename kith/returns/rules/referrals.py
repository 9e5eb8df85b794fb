"""Validation rules about each referral and its closure: the main need, the referral's date
against the child's birth and death, what a closed case may still hold, and cases that overlap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise

from kith.returns.census import CensusChild
from kith.returns.rules.registry import Fix, Problem, _before, _case, _d, _p, _url, validation_rule


@validation_rule("8610", "Main need missing")
def main_need(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if not e.no_further_action and not e.need:
            yield _p(
                "8610",
                child,
                f"Case {e.reference} has no main need: it is set at the referral and when the "
                "assessment is authorised",
                _case(e),
                e,
            )


@validation_rule("KITH2Q", "Main need 'not stated'", query=True)
def main_need_stated(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if not e.no_further_action and e.need == "N0":
            yield _p(
                "KITH2Q",
                child,
                f"Case {e.reference}'s main need is 'not stated': choose it at the referral, "
                "and the assessment sets it when authorised",
                _case(e),
                e,
            )


@validation_rule("8606", "Referral more than 40 weeks before birth")
def referral_before_birth(child: CensusChild) -> Iterator[Problem]:
    born = child.birth or child.expected_birth
    for e in child.episodes:
        if born is not None and e.referral < born - timedelta(days=280):
            yield _p(
                "8606",
                child,
                f"Case {e.reference} was referred on {_d(e.referral)}, more than 40 weeks before "
                f"the child's birth ({_d(born)}): check the dates",
                _case(e),
                e,
            )


@validation_rule("8555Q", "Referral after the child died", query=True)
def referral_after_death(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if _before(child.death, e.referral):
            yield _p(
                "8555Q",
                child,
                f"Case {e.reference} was referred after the child's death ({_d(child.death)})",
                _case(e),
                e,
            )


@validation_rule("8630", "Case closed before its referral")
def closed_after_referral(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if _before(e.closed, e.referral):
            yield _p(
                "8630",
                child,
                f"Case {e.reference} closed ({_d(e.closed)}) before it was referred "
                f"({_d(e.referral)})",
                _case(e),
                e,
            )


@validation_rule("8867", "Case closed with an assessment not authorised")
def closed_with_open_assessment(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if e.closed and any(a.authorised is None for a in e.assessments):
            yield _p(
                "8867",
                child,
                f"Case {e.reference} is closed but an assessment in it was never authorised",
                _case(e),
                e,
            )


@validation_rule("8868", "Case closed with a section 47 enquiry unresolved")
def closed_with_open_enquiry(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        for s in e.enquiries:
            if e.closed and s.conference is None and not s.not_required:
                yield _p(
                    "8868",
                    child,
                    f"Case {e.reference} is closed but the section 47 enquiry started on "
                    f"{_d(s.started)} has no conference and no decision that none was needed",
                    Fix("Record the enquiry's outcome", _url("protection:enquiry", s.pk)),
                    e,
                    f"enquiry {s.pk}",
                )


@validation_rule("2990", "'Closed after assessment' but more happened")
def closed_after_assessment_only(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        did_more = e.plans or e.enquiries or e.protection_plans or e.conference
        if e.closed and e.reason in ("RC8", "RC9") and did_more:
            yield _p(
                "2990",
                child,
                f"Case {e.reference} closed as 'closed after assessment', but a plan or a "
                "section 47 enquiry followed the assessment: choose the reason that fits",
                _case(e),
                e,
            )


@validation_rule("8565", "Something recorded after the case closed")
def activity_after_closure(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if e.closed is None or e.no_further_action:
            continue
        dates = [a.started for a in e.assessments] + [a.authorised for a in e.assessments]
        dates += [p.started for p in e.plans] + [p.ended for p in e.plans]
        dates += [s.started for s in e.enquiries] + [s.conference for s in e.enquiries]
        dates += [p.ended for p in e.protection_plans]
        late = [d for d in dates if d is not None and d > e.closed]
        if late:
            yield _p(
                "8565",
                child,
                f"Case {e.reference} closed on {_d(e.closed)}, but something in it is dated "
                f"later ({_d(max(late))}): correct the date, or the closure",
                _case(e),
                e,
            )


@validation_rule("8831", "Work recorded on a referral marked 'no further action'")
def nothing_after_nfa(child: CensusChild) -> Iterator[Problem]:
    for e in child.episodes:
        if e.no_further_action and (
            e.assessments or e.plans or e.enquiries or e.protection_plans or e.conference
        ):
            yield _p(
                "8831",
                child,
                f"Case {e.reference} was closed with no further action on the referral, but "
                "work was recorded in it",
                _case(e),
                e,
            )


@validation_rule("8820", "Cases overlap")
def episodes_apart(child: CensusChild) -> Iterator[Problem]:
    episodes = sorted(
        (e for e in child.episodes if not e.no_further_action), key=lambda e: e.referral
    )
    for earlier, later in pairwise(episodes):
        if earlier.closed is None or later.referral < earlier.closed:
            yield _p(
                "8820",
                child,
                f"Case {later.reference} was referred ({_d(later.referral)}) while case "
                f"{earlier.reference} was still open",
                _case(later),
                later,
            )
