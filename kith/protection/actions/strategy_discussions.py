"""Recording a strategy discussion: once for the family, a decision for each child, an
enquiry started for each child it decides one for (and a referral for a child with no case)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from kith.accounts.models import User
from kith.audit.verbs import Verb
from kith.cases.actions import open_case
from kith.cases.changes import changed
from kith.cases.models import Case
from kith.people.models import Person
from kith.protection.actions.shared import audit
from kith.protection.codes import StrategyDecision
from kith.protection.models import Enquiry, Participant, StrategyChild, StrategyDiscussion


@transaction.atomic
def record_strategy_discussion(
    *,
    by: User,
    held_at: datetime,
    participants: list[dict[str, str]],
    information_shared: str,
    safety_plan: str,
    actions: str,
    decisions: list[tuple[Case | Person, str, str]],
    opened_from: Case | None = None,
) -> StrategyDiscussion:
    """One discussion, written once, with a decision for each child it covers. A decision to
    start a section 47 enquiry starts it, dated the day of the discussion. A brother or sister
    with no case yet (a Person in `decisions`) gets one: a referral from the discussion, with
    the same source, team and worker as the case it was recorded from (`opened_from`)."""
    if not decisions:
        raise ValidationError("Choose at least one child the discussion was about.")
    discussion = StrategyDiscussion.objects.create(
        held_at=held_at,
        information_shared=information_shared,
        safety_plan=safety_plan,
        actions=actions,
        recorded_by=by,
    )
    Participant.objects.bulk_create(
        Participant(discussion=discussion, **person) for person in participants
    )
    for about, decision, reason in decisions:
        if isinstance(about, Person):
            if opened_from is None:
                raise ValidationError(f"{about.full_name} has no open case.")
            about = open_case(
                about,
                by=by,
                referral_date=discussion.held_on,
                referral_source=opened_from.referral_source,
                team=opened_from.team,
                worker=opened_from.worker,
                primary_need=opened_from.primary_need,
                note=f"From the strategy discussion about {opened_from.child.full_name}",
            )
        case = about
        if not case.is_open:
            raise ValidationError(f"{case.child.full_name}'s case is closed.")
        child = StrategyChild.objects.create(
            discussion=discussion, case=case, decision=decision, reason=reason
        )
        if decision == StrategyDecision.SECTION_47:
            Enquiry.objects.create(case=case, started_by=child, started_on=discussion.held_on)
        audit(by, Verb.STRATEGY_RECORDED, case, discussion=discussion.pk)
        changed(case)
    return discussion
