"""Validation rules about the child: their disability, UPN, dates of birth and sex."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kith.people.identifiers import is_valid_upn
from kith.returns.census import CensusChild, CollectionYear
from kith.returns.rules.registry import Problem, _p, _person, validation_rule


@validation_rule("8540", "Disability not recorded")
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


@validation_rule("8790", "'No disability' chosen with a disability")
def no_disability_alone(child: CensusChild) -> Iterator[Problem]:
    if "NONE" in child.disabilities and len(set(child.disabilities)) > 1:
        yield _p(
            "8790",
            child,
            "'No disability' is recorded together with a disability: keep one or the other",
            _person(child, "Correct disability", "people:change_background"),
        )


@validation_rule("1510", "UPN not valid")
def upn_valid(child: CensusChild) -> Iterator[Problem]:
    if child.upn and not is_valid_upn(child.upn):
        yield _p(
            "1510",
            child,
            f"The UPN {child.upn} is not a valid unique pupil number (its check letter, local "
            "authority or length is wrong): check it with the school",
            _person(child, "Correct the UPN", "people:change_identifiers"),
        )


@validation_rule("8770Q", "School-age child with no UPN and no reason", query=True)
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


@validation_rule("8525Q", "Both a date of birth and an expected date of birth", query=True)
def birth_or_expected(child: CensusChild) -> Iterator[Problem]:
    if child.birth is not None and child.expected_birth is not None:
        yield _p(
            "8525Q",
            child,
            "The child has a date of birth and still an expected date of birth: remove the "
            "expected date now they are born",
            _person(child, "Correct the dates", "people:change_identity"),
        )


@validation_rule("8750", "Unborn child's sex must be 'unknown'")
def unborn_sex(child: CensusChild) -> Iterator[Problem]:
    if child.birth is None and child.expected_birth is not None and child.sex != "U":
        yield _p(
            "8750",
            child,
            "An unborn child's sex is recorded as 'not known' in the census: change it, and "
            "record it when the baby is born",
            _person(child, "Correct the sex", "people:change_identity"),
        )
