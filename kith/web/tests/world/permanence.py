"""Both children's road to permanence: the restricted girl's permanence planning meeting, her
long-term fostering match and her plan for adoption (matched, its decision maker and note),
every text carrying the marker; her brother's meeting and plan for adoption, which the
permanence pages that change a plan need; and Juno, a toddler looked after in another case of
the worker's with no plan for adoption yet (permanence:decide)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from kith.care.models import CarePeriod, LegalStatusChange, Placement
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.test import make_case, make_person
from kith.web.tests.world.marker import marked

if TYPE_CHECKING:
    from kith.web.tests.world import World


def add_permanence(world: World, today: date) -> None:
    worker = world.users["social worker"]
    period = world.restricted["care_period"]
    held = period.started_on + timedelta(days=10)
    marked(PermanenceMeeting, period=period, held_on=held, option="adoption", recorded_by=worker)
    marked(LongTermMatch, period=period, matched_on=held, recorded_by=worker)
    plan = marked(
        AdoptionPlan,
        period=period,
        decided_on=held,
        matched_on=today - timedelta(days=5),
        adopters_number=2,
        adopters_sex="MF",
        adopters_legal_status="L11",
        foster_carers_adopting=False,
        recorded_by=worker,
    )
    world.restricted.update(adoption_plan=plan)
    son_period = world.ordinary["care_period"]
    PermanenceMeeting.objects.create(
        period=son_period,
        held_on=held,
        option="adoption",
        decided="Adoption, with his sister if it can be",
        recorded_by=worker,
    )
    world.ordinary.update(
        adoption_plan=AdoptionPlan.objects.create(
            period=son_period, decided_on=held, decision_maker="Ms Oduya", recorded_by=worker
        )
    )
    juno = make_person(
        first_name="Juno", family_name="Fairley", date_of_birth=today - timedelta(days=800)
    )
    started = today - timedelta(days=40)
    case = make_case(juno, worker=worker, referral_date=started - timedelta(days=10))
    period = CarePeriod.objects.create(
        case=case, child=juno, started_on=started, need="N1", recorded_by=worker
    )
    LegalStatusChange.objects.create(
        period=period, status="C2", started_on=started, recorded_by=worker
    )
    Placement.objects.create(
        period=period, started_on=started, kind="U4", provider="PR1", carer="Ms Ahmed",
        urn="123456", change_reason="CARPL", recorded_by=worker,
    )  # fmt: skip
    world.ordinary.update(toddler_case=case, toddler_period=period)
