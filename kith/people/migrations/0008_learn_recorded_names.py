"""Every name already recorded goes into the vocabulary, so "Find a person" finds it with a slip.
The keys are worked out here as people/vocabulary.py did when this was written."""

from itertools import combinations

from django.db import migrations


def _keys(name):
    depth = 0 if len(name) < 3 else (2 if len(name) >= 6 else 1)
    keys = {name}
    for leave_out in range(1, depth + 1):
        if len(name) - leave_out < 2:
            break
        for gone in combinations(range(len(name)), leave_out):
            keys.add("".join(c for i, c in enumerate(name) if i not in gone))
    return keys


def learn(apps, schema_editor):
    NameKey = apps.get_model("people", "NameKey")
    NameVariant = apps.get_model("people", "NameVariant")
    recorded = sorted(set(NameKey.objects.values_list("name", flat=True).distinct().iterator()))
    for start in range(0, len(recorded), 2000):  # a few thousand names' keys at a time
        NameVariant.objects.bulk_create(
            [
                NameVariant(key=key, name=name)
                for name in recorded[start : start + 2000]
                for key in _keys(name)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0007_name_vocabulary")]

    operations = [migrations.RunPython(learn, migrations.RunPython.noop)]
