"""Writing a child's 903 history into Kith: each period of care (a run of episodes joined by
X1) with its legal statuses and placements, in the case that covered it (or a case made for it,
closed when care ended: cases.py), its reviews and missing episodes, its earlier permanence
order; then the decisions to place for adoption and the adoption (adoption.py) and the care
leaver's support and birthday check (leaving.py). A period already here from an earlier return
(the same start) gains only what this return adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kith.accounts.models import User
from kith.care.models import CarePeriod, CareReview, LegalStatusChange, MissingEpisode, Placement
from kith.people.models import Person
from kith.returns.ssda903_import.adoption import write_adoptions
from kith.returns.ssda903_import.cases import CLOSURE, IMPORTED, NOT_RECORDED, case_for
from kith.returns.ssda903_import.child import Child, Episode, periods_of
from kith.returns.ssda903_import.leaving import write_leaving


@dataclass
class Written:
    """What one child's import wrote: the cases it is in, and how many of each record."""

    cases: list[int] = field(default_factory=list)
    periods: int = 0
    decisions: int = 0  # decisions to place for adoption
    adoptions: int = 0
    leavers: int = 0  # care leavers' support
    checks: int = 0  # birthday checks


def write_child(child: Child, person: Person, by: User) -> Written:
    """Every period of care in the return, and what else the return says of the child."""
    written = Written()
    periods = []
    for run in periods_of(child.episodes):
        period = _period(run, person, child, by)
        periods.append(period)
        written.cases.append(period.case_id)
    written.periods = len(periods)
    for held_on, code in child.reviews:
        covering = _covering(periods, held_on)
        if (
            covering is not None
            and not CareReview.objects.filter(period=covering, held_on=held_on).exists()
        ):
            CareReview.objects.create(
                period=covering,
                held_on=held_on,
                participation=code,
                discussion=IMPORTED,
                recorded_by=by,
            )
    for kind, start, end in child.missing:
        covering = _covering(periods, start)
        if (
            covering is not None
            and not MissingEpisode.objects.filter(period=covering, started_on=start).exists()
        ):
            MissingEpisode.objects.create(
                period=covering,
                kind=kind,
                started_on=start,
                ended_on=end,
                note=IMPORTED,
                recorded_by=by,
            )
    written.decisions, written.adoptions = write_adoptions(child, periods, by)
    case, written.checks = write_leaving(child, person, by)
    if case is not None:
        written.cases.append(case)
        written.leavers = 1
    return written


def _covering(periods: list[CarePeriod], day: date) -> CarePeriod | None:
    for period in periods:
        if period.started_on <= day and (period.ended_on is None or day <= period.ended_on):
            return period
    return None


def _period(run: list[Episode], person: Person, child: Child, by: User) -> CarePeriod:
    first, last = run[0], run[-1]
    ended = last.ended_on if last.end_reason and last.end_reason != "X1" else None
    period = CarePeriod.objects.filter(child=person, started_on=first.started_on).first()
    if period is None:
        period = CarePeriod.objects.create(
            case=case_for(
                person,
                first.started_on,
                ended,
                by=by,
                need=first.need,
                closure=CLOSURE.get(last.end_reason, "RC7"),
            ),
            child=person,
            started_on=first.started_on,
            need=first.need,
            began_earlier_as="" if first.reason_new == "S" else first.reason_new,
            recorded_by=by,
        )
    starts = [s.started_on for s in period.statuses.all()]
    starts += [p.started_on for p in period.placements.all()]
    known = max(starts, default=None)
    status, placement = period.statuses.last(), period.placements.last()
    before: Episode | None = None
    for e in run:
        if known is not None and e.started_on <= known:
            before = e
            continue
        if status is None or e.legal_status != status.status:
            status = LegalStatusChange.objects.create(
                period=period, status=e.legal_status, started_on=e.started_on, recorded_by=by
            )
        if placement is None or e.reason_new in ("S", "P", "T", "B", "U"):
            if placement is not None and before is not None:
                placement.change_reason = before.change_reason
                placement.save(update_fields=["change_reason"])
            placement = Placement.objects.create(
                period=period,
                started_on=e.started_on,
                kind=e.place,
                provider=e.provider,
                carer=NOT_RECORDED,
                urn=e.urn,
                postcode=e.postcode,
                home_postcode=e.home_postcode,
                same_carer=e.reason_new in ("T", "U"),
                recorded_by=by,
            )
        before = e
    fields = {
        "unaccompanied": child.unaccompanied,
        "unaccompanied_until": child.unaccompanied_until,
        "previous_permanence": child.previous_permanence or period.previous_permanence,
        "previous_permanence_on": child.previous_permanence_on or period.previous_permanence_on,
        "previous_permanence_la": child.previous_permanence_la or period.previous_permanence_la,
    }
    if ended and period.ended_on is None:
        fields |= {"ended_on": ended, "end_reason": last.end_reason}
    for name, value in fields.items():
        setattr(period, name, value)
    period.save(update_fields=list(fields))
    return period
