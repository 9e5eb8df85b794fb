"""The community CIN census validator (csc-validator-be-cin, Data to Insight), run as a
subprocess in its own virtual environment (it pins pandas<2): an independent check of the file
Kith makes, with the same rule codes the DfE uses."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from kith.accounts.models import User
from kith.people.access import visible
from kith.people.codes import IdentifierKind
from kith.people.models import Identifier, Person

RUNNER = Path(__file__).parent / "external" / "run_cin_validator.py"
# How many issue rows a run keeps (a very poor file could have hundreds of thousands).
KEPT = 5000


def python() -> Path:
    return Path(settings.KITH_CIN_VALIDATOR_PYTHON)


def available() -> bool:
    return python().exists()


def run(path: Path, timeout: int = 1800) -> dict[str, Any]:
    """The validator's findings for one file: error_codes, query_codes, crashed_rules,
    whole_return and issues (one row per place an issue was found)."""
    ran = subprocess.run(  # noqa: S603 (fixed programs, a file Kith wrote)
        [str(python()), str(RUNNER), str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    try:
        found: dict[str, Any] = json.loads(ran.stdout)
    except json.JSONDecodeError:
        return {"fatal": (ran.stderr or ran.stdout or "The validator gave no answer")[-2000:]}
    found["issues"] = found.get("issues", [])[:KEPT]
    return found


@dataclass
class RuleFindings:
    code: str
    description: str
    query: bool
    children: list[str] = field(default_factory=list)  # LAchildIDs
    places: int = 0


def by_rule(found: dict[str, Any]) -> list[RuleFindings]:
    """The findings grouped by rule, errors first, each with the children it concerns."""
    rules: dict[str, RuleFindings] = {}
    for row in found.get("issues", []) + found.get("whole_return", []):
        code = str(row["rule_code"])
        entry = rules.setdefault(
            code,
            RuleFindings(
                code, str(row.get("rule_description", "")), row.get("rule_type") == "QUERY"
            ),
        )
        entry.places += 1
        child = str(row.get("LAchildID", ""))
        if child and child != "nan" and child not in entry.children:
            entry.children.append(child)
    return sorted(rules.values(), key=lambda r: (r.query, r.code))


def people_for(child_ids: list[str], user: User) -> tuple[dict[str, Person], set[str]]:
    """Which person each LAchildID in a file is (Kith's own person numbers, or the IDs kept
    from earlier returns), read for this user (so each is audited as shown): the people they
    may see, and the IDs of restricted children they are not named on, which the page shows as
    "a restricted record", never by number."""
    found: dict[str, int] = {}
    kept: list[str] = []
    for child_id in child_ids:
        if child_id.startswith("P") and child_id[1:].isdigit():
            found[child_id] = int(child_id[1:])
        else:
            kept.append(child_id)
    for person_id, value in Identifier.objects.filter(
        kind=IdentifierKind.CENSUS_CHILD_ID, value__in=kept
    ).values_list("person_id", "value"):
        found[value] = person_id
    people = Person.objects.filter(visible(user)).in_bulk(list(found.values()))
    known = set(Person.objects.filter(pk__in=found.values()).values_list("pk", flat=True))
    shown = {child: people[pk] for child, pk in found.items() if pk in people}
    hidden = {child for child, pk in found.items() if pk in known and pk not in people}
    return shown, hidden
