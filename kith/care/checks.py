"""What the SSDA903 return would find wrong in one period of care, shown on the care page where
it can be put right, so the return is right the first time (as the CIN census's rules are
shown where things are recorded). The checks mirror the community validator's 2025/26 rules
about what a worker records: the child (care/checks_child.py), the episodes as a whole
(care/checks_episodes.py), each placement's answers (care/checks_placements.py), reviews and
missing episodes (care/checks_more.py). None stops anyone saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kith.care import checks_child, checks_episodes, checks_more, checks_placements
from kith.care.checks_base import CHECKS, Problem, Seen, collection_year
from kith.care.queries import LookedAfter

RULE_MODULES = (checks_child, checks_episodes, checks_placements, checks_more)
# The validator treats none of these rules as a query (checks_base.py says why).
QUERIES: frozenset[str] = frozenset()


def for_period(shown: LookedAfter, today: date) -> list[Problem]:
    """The problems the return for the collection year holding `today` (1 April to 31 March)
    would find in this period of care: none if the period has no episode in that year."""
    start, end = collection_year(today)
    in_year = [
        e
        for e in shown.episodes
        if e.started_on <= end and (e.ended_on is None or e.ended_on >= start)
    ]
    if not in_year:
        return []
    seen = Seen(shown, today, start, end, in_year)
    found: list[Problem] = []
    said: set[tuple[str, str]] = set()
    for _codes, check in CHECKS:
        for problem in check(seen):
            if (problem.code, problem.about) not in said:
                said.add((problem.code, problem.about))
                found.append(replace(problem, query=problem.code in QUERIES))
    return found
