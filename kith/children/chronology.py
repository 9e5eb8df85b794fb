"""The chronology: every dated thing in a child's life with children's services, gathered from
the records themselves (never typed twice), newest first, with a link to each record; and the
few significant events the summary shows. Both are read from the same sources
(children/sources/), with the workers' marks laid over them.

It is derived each time it is read, never stored (docs/decisions/0013-chronology-derived-on-
read.md): one query per source, whatever the length of the history.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kith.children.entries import Entry, Reading
from kith.children.models import ChronologyMark
from kith.children.sources import SOURCES, read, read_one
from kith.people.models import Person

if TYPE_CHECKING:
    from kith.accounts.models import User

Marks = dict[tuple[int, str, int], ChronologyMark]


def chronology(children: list[Person], viewer: User | None = None) -> list[Entry]:
    """Every entry for these children (one child, or siblings for the family view), newest
    first. Relationships with people the viewer may not see are left out."""
    by_id = {c.pk: c for c in children}
    entries = read(Reading(by_id, viewer))
    _mark(entries, latest_marks(list(by_id)))
    entries.sort(key=lambda e: (e.on, e.kind), reverse=True)
    return entries


def significant_events(child: Person, most: int, viewer: User | None = None) -> list[Entry]:
    """The latest significant events only, for the summary: the newest few of each kind that
    is significant in itself, and the entries a worker marked significant; never the whole
    history. An entry a worker unmarked drops out."""
    children = {child.pk: child}
    marks = latest_marks([child.pk])
    entries = read(Reading(children, viewer, significant_only=True, most=most))
    have = {(e.source, e.pk) for e in entries}
    marked = defaultdict(set)
    for (_, source, pk), mark in marks.items():
        if mark.significant and (source, pk) not in have and source in SOURCES:
            marked[source].add(pk)
    for source, pks in marked.items():
        entries += read_one(source, Reading(children, viewer, pks=pks))
    _mark(entries, marks)
    entries = [e for e in entries if e.significant]
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries[:most]


def entry(child: Person, key: str, viewer: User | None = None) -> Entry | None:
    """One entry of the child's chronology by the key its page gave it ("visit:12"), with its
    latest mark; None if there is no such entry (any more) for this child and viewer."""
    source, _, pk = key.partition(":")
    if source not in SOURCES or not pk.isdecimal():
        return None
    found = read_one(source, Reading({child.pk: child}, viewer, pks=[int(pk)]))
    _mark(found, latest_marks([child.pk]))
    return found[0] if found else None


def latest_marks(ids: list[int]) -> Marks:
    """A curated chronology (Munro): the latest mark a worker made on each entry decides
    whether it is significant and adds their analysis."""
    latest: Marks = {}
    for mark in ChronologyMark.objects.filter(child_id__in=ids).select_related("by").order_by("at"):
        latest[(mark.child_id, mark.source, mark.record)] = mark
    return latest


def _mark(entries: list[Entry], marks: Marks) -> None:
    for e in entries:
        found = marks.get((e.child.pk, e.source, e.pk))
        if found is not None:
            e.significant = found.significant
            e.analysis = found.analysis
            e.marked_by = str(found.by)
            e.mark_id = found.pk
