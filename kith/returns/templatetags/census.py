"""The census's rules on the pages where things are recorded (the case page, a record, the
person's page): a template tag, so those apps need not import this one."""

from __future__ import annotations

from typing import Any

from django import template

from kith.returns import rules
from kith.returns.census import read

register = template.Library()


def _problems(person_pk: int) -> list[rules.Problem]:
    found = read([person_pk])
    return rules.check(found[0]) if found else []


@register.inclusion_tag("returns/_census_checks.html")
def census_checks(case: Any = None, *, person: Any = None, about: str = "") -> dict[str, Any]:
    """On a case page, the case's problems and the child's; on a record, the record's own; on a
    person's page, the child's own (identity, disability)."""
    if case is not None:
        problems = rules.for_case(_problems(case.child_id), case.pk)
        if about:
            problems = [p for p in problems if p.about == about]
    elif person is not None:
        problems = [p for p in _problems(person.pk) if p.case_pk is None]
    else:
        problems = []
    return {"problems": problems}
