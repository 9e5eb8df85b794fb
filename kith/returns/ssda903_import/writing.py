"""Writing a child's 903 history into Kith: each period of care (a run of episodes joined by
X1) with its legal statuses and placements, in the case that covered it (or a case made for it,
closed when care ended), its reviews and missing episodes. A period already here from an earlier
return (the same start) gains only what this return adds."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from kith.accounts.models import User
from kith.care.models import CarePeriod, CareReview, LegalStatusChange, MissingEpisode, Placement
from kith.cases.models import Case
from kith.people.models import Person
from kith.returns.ssda903_import.reading import Child, Episode, periods_of

IMPORTED = "Imported from an earlier SSDA903 return."
NOT_RECORDED = "Not recorded (imported from an earlier SSDA903 return)"
# The census's reason a case closed, from the 903's reason care ended.
CLOSURE = {"E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E3": "RC5", "E7": "RC6"}
CLOSURE |= dict.fromkeys(("E45", "E46", "E47", "E48"), "RC4")


def write_child(child: Child, person: Person, by: User) -> list[int]:
    """Every period of care in the return; the ids of the cases they are in."""
    cases = []
    periods = []
    for run in periods_of(child.episodes):
        period = _period(run, person, child, by)
        periods.append(period)
        cases.append(period.case_id)
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
    return cases


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
            case=_case(person, first, ended, last.end_reason, by),
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
    }
    if ended and period.ended_on is None:
        fields |= {"ended_on": ended, "end_reason": last.end_reason}
    for name, value in fields.items():
        setattr(period, name, value)
    period.save(update_fields=list(fields))
    return period


def _case(person: Person, first: Episode, ended: date | None, reason: str, by: User) -> Case:
    """The case that covered the child's care; or one made for it, referred the day care began
    (source unknown), closed the day it ended."""
    covering = (
        Case.objects.filter(child=person, referral_date__lte=first.started_on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first.started_on))
        .order_by("-referral_date")
        .first()
    )
    if covering is not None:
        return covering
    still_open = Case.objects.filter(child=person, closed_on__isnull=True).first()
    if ended is None and still_open is not None:
        return still_open  # one open case per child: care goes on in it
    return Case.objects.create(
        child=person,
        referral_date=first.started_on,
        referral_source="10",
        primary_need=first.need,
        opened_by=by,
        closed_on=ended,
        closure_reason=CLOSURE.get(reason, "RC7") if ended else "",
    )
