"""Demo step: significant events workers typed straight into some children's chronologies
(what other agencies told them that no record holds)."""

from __future__ import annotations

from datetime import timedelta

from kith.children.models import ChronologyEvent
from kith.demo.builder import Demo
from kith.protection.codes import Agency

EVENTS = [
    ("Police called to the home after an argument between the parents", Agency.POLICE),
    ("Taken to A&E with a cut to the head; discharged the same day", Agency.HEALTH),
    ("Excluded from school for two days", Agency.EDUCATION),
    ("The family were given notice to leave their flat", Agency.HOUSING),
    ("Father released from prison and back in the area", Agency.PROBATION),
    ("Grandmother, the main support for the family, died", ""),
]
SHARE = 0.3


def build(demo: Demo) -> None:
    rng = demo.rng
    events = []
    for case, _stage in demo.built.get("case_stories", []):
        if case.worker_id is None or rng.random() >= SHARE:
            continue
        for _ in range(rng.randint(1, 2)):
            what, agency = rng.choice(EVENTS)
            days = max(0, ((case.closed_on or demo.today) - case.referral_date).days)
            events.append(
                ChronologyEvent(
                    child_id=case.child_id,
                    happened_on=case.referral_date + timedelta(days=rng.randint(0, days)),
                    what=what,
                    agency=agency,
                    details="Told to the allocated worker; discussed at supervision.",
                    recorded_by_id=case.worker_id,
                )
            )
    ChronologyEvent.objects.bulk_create(events, batch_size=1000)
    demo.count("significant events added by hand", len(events))
