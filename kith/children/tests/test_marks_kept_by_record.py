"""The marks workers had made before marks were kept by record (children migration 0003): each
one, keyed then by its entry's kind, page address and date, is moved onto its entry's source
and record, so no analysis a worker wrote is lost or attached to the wrong entry."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kith.cases.models import Case
from kith.children.chronology import chronology
from kith.children.models import ChronologyMark
from kith.people.models import Person
from kith.protection.models import Conference, ConferenceChild, StrategyChild, StrategyDiscussion
from kith.test import make_user

BEFORE = [("children", "0002_chronology_event")]


def _old_key(e) -> str:
    # How a mark was keyed before 0003.
    return f"{e.kind}|{e.url}|{e.on.isoformat()}"


@pytest.mark.django_db(transaction=True)
def test_every_mark_kept_by_address_moves_onto_its_record():
    call_command(
        "seed_demo", "--children", "60", "--seed", "3", "--today", "2026-11-21", stdout=StringIO()
    )
    by = make_user()
    children = list(Person.objects.filter(cases__isnull=False).distinct())
    # A brother joins the first strategy discussion and conference: each child's part of a
    # family's meeting is an entry of its own, whose id is not the meeting's.
    brother = Case.objects.filter(child__in=children, strategy__isnull=True).first()
    discussion = StrategyDiscussion.objects.order_by("pk").first()
    StrategyChild.objects.create(discussion=discussion, case=brother, decision="s47", reason="Too")
    conference = Conference.objects.order_by("pk").first()
    ConferenceChild.objects.create(conference=conference, case=brother, needs_plan=False)
    # Every entry whose old key it was gets the mark: two entries could share one key (a case
    # closed on the day it was referred), and both showed the mark.
    wanted = defaultdict(set)
    for child in children:
        for e in chronology([child]):
            if e.kind == "care":
                continue  # looked-after entries came after marks were kept by record
            wanted[(child.pk, _old_key(e))].add((e.source, e.pk))
    assert any(len(entries) > 1 for entries in wanted.values())
    assert {source for entries in wanted.values() for source, _ in entries} >= {
        "contact",
        "referral",
        "visit",
        "note",
        "plan",
        "strategy",
        "conference",
        "event",
    }

    # A family's conference decides for each child: the entry is the child's decision, not the
    # conference (their ids differ here, so a mark moved onto the conference would be caught).
    decisions = ConferenceChild.objects.filter(
        pk__in=[pk for entries in wanted.values() for s, pk in entries if s == "conference"]
    )
    assert any(d.pk != d.conference_id for d in decisions)

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("children", "ChronologyMark")
        for (child_pk, key), _ in wanted.items():
            old.objects.create(
                child_id=child_pk, key=key, significant=True, analysis=key, by_id=by.pk
            )
        # A key whose page is gone, and a closure mark whose case's closing date was corrected
        # since: neither leads to an entry now, and neither is put on another one.
        case = Case.objects.filter(child=children[0]).first()
        for key in ("visit|/gone/1/|2020-01-01", f"referral|/cases/{case.pk}/|1999-01-01"):
            old.objects.create(
                child_id=children[0].pk,
                key=key,
                significant=True,
                analysis="Nowhere now",
                by_id=by.pk,
            )
    finally:
        # Forward again whatever happened, so the tests after this one have today's tables.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        # Every app's latest migration: going back took the apps that depend on these back too.
        executor.migrate(executor.loader.graph.leaf_nodes())
    moved = defaultdict(set)
    for m in ChronologyMark.objects.exclude(analysis="Nowhere now"):
        moved[(m.child_id, m.analysis)].add((m.source, m.record))
    assert moved == wanted
    # A mark that leads nowhere is kept, words and old key, though no entry shows it.
    lost = ChronologyMark.objects.filter(analysis="Nowhere now")
    assert {(m.source, m.record) for m in lost} == {("", 0)}
    assert {m.old_key.split("|")[1] for m in lost} == {"/gone/1/", f"/cases/{case.pk}/"}
