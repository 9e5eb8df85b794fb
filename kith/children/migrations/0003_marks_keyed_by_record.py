"""A worker's mark on a chronology entry was kept against a string made of the entry's kind, the
address of its record's page and its date, so changing a page's address would have detached
every mark. Marks are now kept against the entry's source and its record's id; this works out
both for every mark already kept, from the address and date its key holds.

The addresses are matched as they were when this was written (not through today's URLs, which
may change). Two entries that shared one key (a case closed on the day it was referred, a plan
reviewed on the day it started) each get the mark. A key that leads to no record now is kept
as it was (`old_key`), with an empty source: its words stay, though no entry shows them. The old
key's column goes in 0004, a transaction of its own (PostgreSQL will not alter a table whose
rows this one has just changed)."""

import re
from datetime import date

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

PAGES = [
    (re.compile(r"^/cases/contacts/(\d+)/$"), "contact"),
    (re.compile(r"^/cases/(\d+)/$"), "case"),
    (re.compile(r"^/cases/records/([a-z-]+)/(\d+)/$"), "record"),
    (re.compile(r"^/protection/strategy/(\d+)/$"), "strategy"),
    (re.compile(r"^/protection/conferences/(\d+)/$"), "conference"),
    (re.compile(r"^/protection/plans/(\d+)/$"), "plan"),
    (re.compile(r"^/people/(\d+)/$"), "person"),
    (re.compile(r"^/children/(\d+)/chronology/$"), "chronology"),
]


def _entries(apps, mark):
    """The (source, record id) of every entry the mark's old key named."""
    kind, url, on = mark.key.split("|")
    path, _, fragment = url.partition("#")
    day = date.fromisoformat(on)
    page, found = next(
        ((name, m) for pattern, name in PAGES if (m := pattern.match(path))), (None, None)
    )
    if page is None:
        return []
    model = apps.get_model
    pk = int(found.groups()[-1])
    child = {"case__child_id": mark.child_id}
    if page == "chronology" and fragment.startswith("event-"):
        return [("event", int(fragment.removeprefix("event-")))]
    if page == "contact":
        return [("contact", pk)]
    if page == "case":
        case = model("cases", "Case").objects.filter(pk=pk).first()
        if case is None:
            return []
        return [
            *([("referral", pk)] if case.referral_date == day else []),
            *([("case-closed", pk)] if case.closed_on == day else []),
        ]
    if page == "record":
        record_kind = found.group(1)
        if record_kind != "plan":
            return [(record_kind, pk)]
        plan = model("recording", "ChildInNeedPlan").objects.filter(pk=pk).first()
        reviews = model("recording", "PlanReview").objects.filter(plan_id=pk, held_on=day)
        started = (
            plan is not None and (plan.starts_on or timezone.localdate(plan.created_at)) == day
        )
        return [*([("plan", pk)] if started else []), *(("plan-review", r.pk) for r in reviews)]
    if page == "strategy":
        rows = model("protection", "StrategyChild").objects.filter(discussion_id=pk, **child)
        return [("strategy", r.pk) for r in rows]
    if page == "conference":
        rows = model("protection", "ConferenceChild").objects.filter(conference_id=pk, **child)
        return [("conference", r.pk) for r in rows]
    if page == "plan":
        plan = model("protection", "ProtectionPlan").objects.filter(pk=pk).first()
        meetings = model("protection", "CoreGroup").objects.filter(plan_id=pk, held_on=day)
        ended = plan is not None and plan.ended_on == day
        return [*([("plan-ended", pk)] if ended else []), *(("core-group", m.pk) for m in meetings)]
    if page == "person" and kind == "family":
        pair = Q(first_id=mark.child_id, second_id=pk) | Q(first_id=pk, second_id=mark.child_id)
        rows = model("people", "Relationship").objects.filter(pair)
        return [
            *(("relationship-began", r.pk) for r in rows.filter(start_date=day)),
            *(("relationship-ended", r.pk) for r in rows.filter(end_date=day)),
        ]
    return []


def keys_back(apps, schema_editor):
    """Going back, the marks that kept their old key get it again; the rest lose theirs."""
    Mark = apps.get_model("children", "ChronologyMark")
    for mark in Mark.objects.exclude(old_key=""):
        mark.key = mark.old_key
        mark.save(update_fields=["key"])


def key_marks_by_record(apps, schema_editor):
    Mark = apps.get_model("children", "ChronologyMark")
    lost = 0
    for mark in Mark.objects.order_by("pk"):
        try:
            entries = _entries(apps, mark)
        except ValueError:
            entries = []
        if not entries:
            lost += 1
            mark.old_key = mark.key
            mark.save(update_fields=["old_key"])
            continue
        (mark.source, mark.record), *others = entries
        mark.save(update_fields=["source", "record"])
        for source, record in others:
            Mark.objects.create(
                child_id=mark.child_id,
                source=source,
                record=record,
                significant=mark.significant,
                analysis=mark.analysis,
                by_id=mark.by_id,
                at=mark.at,
            )
    if lost:
        print(f"\n  {lost} chronology mark(s) no longer lead to a record: kept, not shown.")


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0002_chronology_event"),
        ("cases", "0001_initial"),
        ("people", "0006_relationships_that_make_a_family"),
        ("protection", "0005_conferences_amended"),
        ("recording", "0003_one_record_per_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="chronologymark",
            name="source",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="chronologymark",
            name="record",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="chronologymark",
            name="old_key",
            field=models.CharField(blank=True, default="", max_length=300),
        ),
        migrations.RunPython(key_marks_by_record, keys_back),
    ]
