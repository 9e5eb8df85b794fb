"""The census's problems across the authority, grouped by rule, for the data quality page."""

from __future__ import annotations

from dataclasses import dataclass, field

from kith.accounts.models import User
from kith.people.access import visible
from kith.people.models import Person
from kith.returns import rules
from kith.returns.census import CollectionYear, for_year


@dataclass
class Found:
    problem: rules.Problem
    child: Person | None  # None: a restricted record this user is not named on


@dataclass
class RuleGroup:
    code: str
    title: str
    query: bool
    found: list[Found] = field(default_factory=list)


def problems_in(year: CollectionYear, user: User) -> tuple[list[RuleGroup], int]:
    """Every problem in the year's return by rule (errors first), and how many children the
    return holds. A restricted child the user is not named on is counted but not named."""
    titles = {r.code: (r.title, r.query) for r in rules.VALIDATION_RULES}
    titles["8736"] = ("Assessment open since before the year", False)
    titles["8740"] = ("Section 47 enquiry open since before the year", False)
    problems: list[rules.Problem] = []
    children = 0
    for child in for_year(year):
        children += 1
        problems += rules.check_year(child, year)
    people = {
        p.pk: p
        for p in Person.objects.filter(visible(user), pk__in={p.person_pk for p in problems})
    }
    groups: dict[str, RuleGroup] = {}
    for p in problems:
        title, query = titles.get(p.code, (p.code, p.query))
        group = groups.setdefault(p.code, RuleGroup(p.code, title, query))
        group.found.append(Found(p, people.get(p.person_pk)))
    return sorted(groups.values(), key=lambda g: (g.query, -len(g.found), g.code)), children
