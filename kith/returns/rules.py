"""The children in need census's rules about what a worker records, written once: checked when
a record is saved (the case page, the record and the person's page say what to fix, in plain
words, with a link) and across the authority before the return (the data quality page).

Each rule carries the DfE's own rule code (CIN census 2025 to 2026 validation rules, as the
community validator csc-validator-be-cin implements them) so a data officer can match it with
the DfE's report. A code ending in Q is a query: the DfE asks for a reason, not a correction.
Some rules the community validator cannot check from an XML file (8540, 8869) are here too.

Rules read a CensusChild (returns/census.py): all of the child's history when a record is
saved, and the collection year's view of it for the return, so both see the same facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise

from django.urls import reverse

from kith.people.identifiers import is_valid_upn
from kith.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusEpisode,
    CensusProtectionPlan,
    CollectionYear,
)


@dataclass(frozen=True)
class Fix:
    """Where the worker puts it right."""

    label: str
    url: str
    # Where to see it, for those who cannot change it (data officers): the record itself.
    view: str = ""

    @property
    def see(self) -> str:
        return self.view or self.url


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    person_pk: int
    fix: Fix
    query: bool = False
    case_pk: int | None = None
    # What the problem is about, so a record's page shows only its own ("assessment 12").
    about: str = ""


Check = Callable[[CensusChild], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    check: Check
    query: bool = False


RULES: list[Rule] = []


def rule(code: str, title: str, *, query: bool = False) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(code, title, check, query))
        return check

    return register


def check(child: CensusChild) -> list[Problem]:
    """Every problem the census would find in what is recorded about this child."""
    found: list[Problem] = []
    for r in RULES:
        found += [replace(p, query=r.query) for p in r.check(child)]
    return found


def check_year(child: CensusChild, year: CollectionYear) -> list[Problem]:
    """The problems in the year's return: the rules, plus what only the return can see."""
    found = check(child)
    for e in child.episodes:
        for a in e.assessments:
            if a.authorised is None and a.started and a.started < year.start:
                found.append(
                    _p(
                        "8736",
                        child,
                        f"The assessment started on {_d(a.started)} was still not authorised "
                        f"on {_d(year.end)}: an assessment open for so long needs finishing",
                        _assessment(a),
                        e,
                        f"assessment {a.pk}",
                    )
                )
        for s in e.enquiries:
            if s.conference is None and not s.not_required and s.started < year.start:
                found.append(
                    _p(
                        "8740",
                        child,
                        f"The section 47 enquiry started on {_d(s.started)} had neither an "
                        "initial conference nor a decision that none was needed by the end of "
                        "the year: record its outcome",
                        Fix("Record the enquiry's outcome", _url("protection:enquiry", s.pk)),
                        e,
                        f"enquiry {s.pk}",
                    )
                )
    return found


# --- helpers ---------------------------------------------------------------------------------


def _d(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "no date"


def _url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _p(
    code: str,
    child: CensusChild,
    message: str,
    fix: Fix,
    episode: CensusEpisode | None = None,
    about: str = "",
) -> Problem:
    return Problem(
        code,
        message,
        child.person_pk,
        fix,
        case_pk=episode.case_pk if episode else None,
        about=about,
    )


def _person(child: CensusChild, what: str, name: str = "people:person") -> Fix:
    return Fix(what, _url(name, child.person_pk), _url("people:person", child.person_pk))


def _case(e: CensusEpisode) -> Fix:
    return Fix(f"Open case {e.reference}", _url("recording:case", e.case_pk))


def _assessment(a: CensusAssessment) -> Fix:
    return Fix("Open the assessment", _url("recording:record", "assessment", a.pk))


def _cp_plan(p: CensusProtectionPlan) -> Fix:
    return Fix("Open the child protection plan", _url("protection:plan", p.pk))


def _before(later: date | None, earlier: date | None) -> bool:
    return later is not None and earlier is not None and later < earlier


# --- The child ----------------------------------------------------------------------------


@rule("8540", "Disability not recorded")
def disability_recorded(child: CensusChild) -> Iterator[Problem]:
    went_further = any(not e.no_further_action for e in child.episodes)
    if child.birth is not None and went_further and not child.disabilities:
        yield _p(
            "8540",
            child,
            "Whether the child has a disability is not recorded: choose their disabilities, or "
            "'No disability'",
            _person(child, "Record disability", "people:change_background"),
        )


@rule("8790", "'No disability' chosen with a disability")
def no_disability_alone(child: CensusChild) -> Iterator[Problem]:
    if "NONE" in child.disabilities and len(set(child.disabilities)) > 1:
        yield _p(
            "8790",
            child,
            "'No disability' is recorded together with a disability: keep one or the other",
            _person(child, "Correct disability", "people:change_background"),
        )


@rule("1510", "UPN not valid")
def upn_valid(child: CensusChild) -> Iterator[Problem]:
    if child.upn and not is_valid_upn(child.upn):
        yield _p(
            "1510",
            child,
            f"The UPN {child.upn} is not a valid unique pupil number (its check letter, local "
            "authority or length is wrong): check it with the school",
            _person(child, "Correct the UPN", "people:change_identifiers"),
        )


@rule("8770Q", "School-age child with no UPN and no reason", query=True)
def upn_or_reason(child: CensusChild) -> Iterator[Problem]:
    if child.upn or child.birth is None or child.upn_unknown not in ("", "UN1"):
        return
    if all(e.no_further_action for e in child.episodes):
        return
    latest = max((e.referral for e in child.episodes), default=None)
    if latest is None:
        return
    year = CollectionYear.of(latest)
    school_age_born_by = date(year.end.year - 6, 8, 31)
    if child.birth <= school_age_born_by:
        yield _p(
            "8770Q",
            child,
            "The child is of school age but has no UPN: add it, or say why there is none",
            _person(child, "Add the UPN or the reason", "people:change_identifiers"),
        )


@rule("8525Q", "Both a date of birth and an expected date of birth", query=True)
def birth_or_expected(child: CensusChild) -> Iterator[Problem]:
    if child.birth is not None and child.expected_birth is not None:
        yield _p(
            "8525Q",
            child,
            "The child has a date of birth and still an expected date of birth: remove the "
            "expected date now they are born",
            _person(child, "Correct the dates", "people:change_identity"),
        )


@rule("8750", "Unborn child's sex must be 'unknown'")
def unborn_sex(child: CensusChild) -> Iterator[Problem]:
    if child.birth is None and child.expected_birth is not None and child.sex != "U":
        yield _p(
            "8750",
            child,
            "An unborn child's sex is recorded as 'not known' in the census: change it, and "
            "record it when the baby is born",
            _person(child, "Correct the sex", "people:change_identity"),
        )


# --- The referral and closure ---------------------------------------------------------------


@rule("8610", "Main need missing")
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


@rule("KITH2Q", "Main need 'not stated'", query=True)
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


@rule("8606", "Referral more than 40 weeks before birth")
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


@rule("8555Q", "Referral after the child died", query=True)
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


@rule("8630", "Case closed before its referral")
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


@rule("8867", "Case closed with an assessment not authorised")
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


@rule("8868", "Case closed with a section 47 enquiry unresolved")
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


@rule("2990", "'Closed after assessment' but more happened")
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


@rule("8565", "Something recorded after the case closed")
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


@rule("8831", "Work recorded on a referral marked 'no further action'")
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


@rule("8820", "Cases overlap")
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


# --- Assessments -----------------------------------------------------------------------------


@rule("1103", "Assessment started before the referral")
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


@rule("8608", "Assessment authorised before it started")
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


@rule("8896", "More than one assessment open")
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


@rule("8897Q", "Assessment authorised without factors", query=True)
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


@rule("8869", "'No factors identified' with other factors")
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


# --- Child in need plans ---------------------------------------------------------------------


def _plan_fix(pk: int) -> Fix:
    return Fix("Open the child in need plan", _url("recording:record", "plan", pk))


@rule("4015", "Child in need plan starts before the referral")
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


@rule("4011", "Child in need plan ends before it starts")
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


@rule("4016", "Child in need plan during a child protection plan")
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


# --- Section 47 enquiries and conferences ---------------------------------------------------------


@rule("2889", "Section 47 enquiry before the referral")
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


@rule("8875", "Initial conference on a weekend")
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


@rule("1105", "Child protection plan before the referral")
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


@rule("8840", "Child protection plan starts and ends on one day")
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


@rule("8841", "Review conference on or before the plan started")
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


@rule("8940", "Child protection plans overlap")
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


@rule("KITH1", "On a child protection plan with no open case")
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


@rule("8915", "Child protection plan after the child died")
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


def for_case(problems: list[Problem], case_pk: int) -> list[Problem]:
    """Problems for one case's page: its own, and the child's (their identity, disability)."""
    return [p for p in problems if p.case_pk in (None, case_pk)]
