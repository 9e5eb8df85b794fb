"""The chronology's entries from the child's family and from workers: relationships that began
or ended, and significant events typed straight into the chronology."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from kith.children.entries import ALL, Entry, Reading, short
from kith.children.models import ChronologyEvent
from kith.people.access import visible_relationships
from kith.people.models import Relationship


def relationships(r: Reading) -> list[Entry]:
    """When a relationship with someone began, and when it ended (two entries from one row).
    Relationships with people the viewer may not see (a restricted child) are left out."""
    rows = (
        Relationship.objects.filter(Q(first_id__in=r.ids) | Q(second_id__in=r.ids))
        .filter(visible_relationships(r.viewer))
        .exclude(start_date__isnull=True, end_date__isnull=True)
        .select_related("first", "second")
    )
    entries = []
    for rel in r.rows(rows, significant=None, newest=("-start_date", "-pk")):
        child = r.children.get(rel.second_id) or r.children[rel.first_id]
        other = rel.first if rel.second_id in r.children else rel.second
        for when, what in ((rel.start_date, "began"), (rel.end_date, "ended")):
            if when is not None:
                entries.append(
                    Entry(
                        when,
                        "family",
                        f"Relationship with {other.full_name} {what}",
                        rel.get_kind_display(),
                        reverse("people:person", args=[other.pk]),
                        f"relationship-{what}",
                        rel.pk,
                        child,
                    )
                )
    return entries


def events(r: Reading) -> list[Entry]:
    """Significant events no record holds, typed straight into the chronology."""
    rows = ChronologyEvent.objects.filter(child_id__in=r.ids).select_related("recorded_by")
    entries = []
    for event in r.rows(rows, significant=ALL, newest=("-happened_on", "-pk")):
        told = f"Told by {event.get_agency_display().lower()}. " if event.agency else ""
        entries.append(
            Entry(
                event.happened_on,
                "event",
                event.what,
                short(told + event.details),
                reverse("children:chronology", args=[event.child_id]) + f"#event-{event.pk}",
                "event",
                event.pk,
                r.children[event.child_id],
                significant=True,
                by=str(event.recorded_by),
                agency=event.agency,
            )
        )
    return entries
