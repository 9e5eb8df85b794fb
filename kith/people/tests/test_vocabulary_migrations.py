"""Names recorded before the vocabulary (people migrations 0008 and 0010): each is found with a
slip once the migrations have run, and a double-barrelled name also written as one word."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kith.people.models import NameKey, NameVariant
from kith.people.search import parse, search

BEFORE = [("people", "0006_relationships_that_make_a_family")]


@pytest.mark.django_db(transaction=True)
def test_names_recorded_before_are_learnt_and_joined():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        state = executor.loader.project_state(BEFORE).apps
        Person = state.get_model("people", "Person")
        OldKey = state.get_model("people", "NameKey")
        isla = Person.objects.create(first_name="Isla", family_name="Smith-Jones")
        for field, name in (("first", "isla"), ("family", "smith"), ("family", "jones")):
            OldKey.objects.create(
                person_id=isla.pk, field=field, name=name, sound="", letters="", canonical=""
            )
    finally:
        # Forward again whatever happened, so the tests after this one have today's tables.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        # Every app's latest migration: going back took the apps that depend on these back too.
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert NameVariant.objects.filter(key="jnes", name="jones").exists()  # one letter left out
    assert NameKey.objects.filter(person_id=isla.pk, field="family", name="smithjones").exists()
    assert [m.person.pk for m in search(parse("isla smithjnoes"))] == [isla.pk]
