"""What every child protection action does alike: one audit event for each child it touches."""

from __future__ import annotations

from typing import Any

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.models import Case


def audit(by: User, verb: Verb, case: Case, **detail: Any) -> None:
    record(by=by, verb=verb, person=case.child, detail={"case": case.pk, **detail})
