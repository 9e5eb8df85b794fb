"""The validation rules' registry (ValidationRule, VALIDATION_RULES, the validation_rule
decorator), what a rule finds (Problem, and the Fix that puts it right), the checks that run the
rules for a child or a collection year, and the helpers the rules share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from django.urls import reverse

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
class ValidationRule:
    code: str
    title: str
    check: Check
    query: bool = False


VALIDATION_RULES: list[ValidationRule] = []


def validation_rule(code: str, title: str, *, query: bool = False) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        VALIDATION_RULES.append(ValidationRule(code, title, check, query))
        return check

    return register


def check(child: CensusChild) -> list[Problem]:
    """Every problem the census would find in what is recorded about this child."""
    found: list[Problem] = []
    for r in VALIDATION_RULES:
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


def for_case(problems: list[Problem], case_pk: int) -> list[Problem]:
    """Problems for one case's page: its own, and the child's (their identity, disability)."""
    return [p for p in problems if p.case_pk in (None, case_pk)]
