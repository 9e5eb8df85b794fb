"""A worker's mark on a chronology entry was kept against a string made of the entry's kind, the
address of its record's page and its date, so changing a page's address would have detached
every mark. Marks are now kept against the entry's source and its record's id; this works out
both for every mark already kept, from the address and date its key holds.

A key that no longer leads to a record (none should) is kept with an empty source, so its
analysis stays in the database, and counted on the console."""

from datetime import date

from django.db import migrations, models
from django.urls import Resolver404, resolve


def _record(apps, mark):
    kind, url, on = mark.key.split("|")
    path, _, fragment = url.partition("#")
    day = date.fromisoformat(on)
    try:
        found = resolve(path)
    except Resolver404:
        return None
    name, pk = found.view_name, found.kwargs.get("pk")
    model = apps.get_model
    if name == "children:chronology" and fragment.startswith("event-"):
        return "event", int(fragment.removeprefix("event-"))
    if name == "cases:contact":
        return "contact", pk
    if name == "recording:case":
        case = model("cases", "Case").objects.filter(pk=pk).first()
        if case is not None and case.closed_on == day and case.referral_date != day:
            return "case-closed", pk
        return "referral", pk
    if name == "recording:record":
        kind_of_record = found.kwargs["kind"]
        if kind_of_record == "plan":
            review = model("recording", "PlanReview").objects.filter(plan_id=pk, held_on=day)
            plan = model("recording", "ChildInNeedPlan").objects.filter(pk=pk).first()
            if review.exists() and (plan is None or plan.starts_on != day):
                return "plan-review", review.first().pk
        return kind_of_record, pk
    child_case = {"case__child_id": mark.child_id}
    if name == "protection:strategy":
        one = model("protection", "StrategyChild").objects.filter(discussion_id=pk, **child_case)
        return ("strategy", one.first().pk) if one.exists() else None
    if name == "protection:conference":
        one = model("protection", "ConferenceChild").objects.filter(conference_id=pk, **child_case)
        return ("conference", one.first().pk) if one.exists() else None
    if name == "protection:plan":
        plan = model("protection", "ProtectionPlan").objects.filter(pk=pk).first()
        if plan is not None and plan.ended_on == day:
            return "plan-ended", pk
        meeting = model("protection", "CoreGroup").objects.filter(plan_id=pk, held_on=day)
        return ("core-group", meeting.first().pk) if meeting.exists() else None
    if name == "people:person" and kind == "family":
        pair = models.Q(first_id=mark.child_id, second_id=pk) | models.Q(
            first_id=pk, second_id=mark.child_id
        )
        relationships = model("people", "Relationship").objects.filter(pair)
        began = relationships.filter(start_date=day).first()
        if began is not None:
            return "relationship-began", began.pk
        ended = relationships.filter(end_date=day).first()
        return ("relationship-ended", ended.pk) if ended is not None else None
    return None


def key_marks_by_record(apps, schema_editor):
    Mark = apps.get_model("children", "ChronologyMark")
    lost = 0
    for mark in Mark.objects.all():
        try:
            found = _record(apps, mark)
        except ValueError:
            found = None
        if found is None:
            lost += 1
            continue
        mark.source, mark.record = found
        mark.save(update_fields=["source", "record"])
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
        migrations.RunPython(key_marks_by_record, migrations.RunPython.noop),
        migrations.RemoveField(model_name="chronologymark", name="key"),
    ]
