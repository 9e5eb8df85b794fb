"""What a worker adds to a child's chronology by hand: a mark on an entry and a significant
event no record holds. Each runs in one transaction and writes one audit event; neither
changes or deletes what was there before."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.children.chronology import Entry, latest_marks
from kith.children.models import ChronologyEvent, ChronologyMark
from kith.people.models import Person


class MarkedMeanwhile(Exception):
    """Someone marked the entry after this page was opened: their mark must be seen first."""

    def __init__(self, latest: ChronologyMark | None) -> None:
        super().__init__("The entry was marked by someone else.")
        self.latest = latest


@transaction.atomic
def mark_entry(
    entry: Entry,
    *,
    significant: bool,
    analysis: str,
    seen: int,
    by: User,
) -> ChronologyMark:
    """Mark a chronology entry significant (or not) and say what it means for the child. Marks
    are never overwritten silently: `seen` is the latest mark the worker's page showed (0 for
    none), and a later one raises MarkedMeanwhile, so it is shown before it can be replaced."""
    child = entry.child
    # Marks on one child are made one at a time, so two workers cannot both pass the check.
    list(Person.objects.select_for_update().filter(pk=child.pk).values_list("pk", flat=True))
    latest = latest_marks([child.pk]).get((child.pk, entry.source, entry.pk))
    if (latest.pk if latest else 0) != seen:
        raise MarkedMeanwhile(latest)
    mark = ChronologyMark.objects.create(
        child=child,
        source=entry.source,
        record=entry.pk,
        significant=significant,
        analysis=analysis,
        by=by,
    )
    record(
        by=by,
        verb=Verb.CHRONOLOGY_MARKED,
        person=child,
        detail={"entry": entry.key},
        why=analysis[:1000],
    )
    return mark


@transaction.atomic
def add_event(
    child: Person,
    *,
    happened_on: date,
    what: str,
    details: str,
    agency: str,
    by: User,
) -> ChronologyEvent:
    """Type a significant event no record holds (a police call-out, a hospital admission)
    straight into the child's chronology."""
    event = ChronologyEvent.objects.create(
        child=child,
        happened_on=happened_on,
        what=what,
        details=details,
        agency=agency,
        recorded_by=by,
    )
    record(
        by=by,
        verb=Verb.CHRONOLOGY_EVENT_ADDED,
        person=child,
        detail={"event": event.pk},
        why=event.what,
    )
    return event
