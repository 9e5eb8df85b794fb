"""A double-barrelled name already recorded is also found written as one word ("Smithjones"),
as names saved from now on are (people/actions.py name_key_values). The keys are worked out
here as people/names.py did when this was written."""

import re
import unicodedata

import jellyfish
from django.db import migrations


def _normalise(name):
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalpha())[:100]


def _keys(name):
    return {
        "name": name,
        "sound": jellyfish.metaphone(name)[:20] if name.isascii() else "",
        "letters": "".join(sorted(name)),
        "canonical": "",
    }


def join(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    NameKey = apps.get_model("people", "NameKey")
    NameVariant = apps.get_model("people", "NameVariant")
    made, joined_names = [], set()
    double = Person.objects.filter(family_name__regex=r"[\s-]") | Person.objects.filter(
        first_name__regex=r"[\s-]"
    )
    for person in double.iterator():
        for field, text in (("first", person.first_name), ("family", person.family_name)):
            words = [w for w in (_normalise(p) for p in re.split(r"[\s\-]+", text)) if w]
            if len(words) > 1:
                joined = "".join(words)
                joined_names.add(joined)
                made.append(NameKey(person_id=person.pk, field=field, **_keys(joined)))
    NameKey.objects.bulk_create(made, batch_size=5000)
    NameVariant.objects.bulk_create(
        [NameVariant(key=key, name=name) for name in joined_names for key in _variants(name)],
        batch_size=5000,
        ignore_conflicts=True,
    )


def _variants(name):
    from itertools import combinations

    depth = 2 if len(name) >= 6 else 1
    keys = {name}
    for leave_out in range(1, depth + 1):
        for gone in combinations(range(len(name)), leave_out):
            keys.add("".join(c for i, c in enumerate(name) if i not in gone))
    return keys


class Migration(migrations.Migration):
    dependencies = [("people", "0009_learnt_weights")]

    operations = [migrations.RunPython(join, migrations.RunPython.noop)]
