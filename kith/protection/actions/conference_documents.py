"""Attaching another agency's report to a conference."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kith.accounts.models import User
from kith.audit.verbs import Verb
from kith.cases.models import Case
from kith.protection.actions.shared import audit
from kith.protection.models import Conference, ConferenceReport


@transaction.atomic
def attach_report(
    conference: Conference,
    *,
    by: User,
    cases: list[Case],
    agency: str,
    title: str,
    document: Any,
) -> ConferenceReport:
    """Attach another agency's report to the conference (its name is kept as sent)."""
    report = ConferenceReport(
        conference=conference,
        agency=agency,
        title=title,
        original_name=str(document.name)[-255:],
        size=document.size,
        uploaded_by=by,
    )
    report.document.save(str(document.name)[-100:], document, save=False)
    report.save()
    for case in cases:
        audit(by, Verb.DOCUMENT_ADDED, case, conference=conference.pk, report=report.pk)
    return report
