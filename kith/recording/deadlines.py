"""The deadline a referral sets: the child and family assessment, authorised within 45 working
days (Working Together 2023; the census's assessment completion date is the authorisation)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils import timezone

from kith.cases.models import Case
from kith.lib.timescales import RULES, Wanted
from kith.recording.models import Assessment


def assessment_deadlines(case_ids: Sequence[int]) -> Iterator[Wanted]:
    authorised: dict[int, list] = {}
    for case_id, at in Assessment.objects.filter(
        case_id__in=case_ids, authorised_at__isnull=False
    ).values_list("case_id", "authorised_at"):
        authorised.setdefault(case_id, []).append(timezone.localdate(at))
    rule = RULES["assessment"]
    for case in Case.objects.filter(pk__in=case_ids).only(
        "pk", "referral_date", "closed_on", "no_further_action"
    ):
        done = min(authorised.get(case.pk, []), default=None)
        if done is None and not case.is_open:
            continue  # closed without an assessment: nothing was due
        yield Wanted(
            case.pk,
            rule.key,
            "referral",
            rule.what,
            case.referral_date,
            rule.due(case.referral_date),
            done,
        )
