"""The merge page: a data officer compares two records, merges them, and can undo it."""

from django.urls import reverse

from kith.accounts.roles import Role
from kith.people.models import Person
from kith.test import make_person, signed_in_client


def url(name, *args):
    return reverse(f"people:{name}", args=args)


class MergePageTests:
    def test_a_data_officer_compares_then_merges_then_undoes(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        copy = make_person(first_name="Elly", family_name="Jones")
        form = {
            "other": copy.person_number,
            "why": "Same child, same NHS number on the school record",
        }
        compare = officer.post(url("merge", family["ellie"].pk), form)
        assert b"Merge in: " + copy.person_number.encode() in compare.content
        assert Person.objects.get(pk=copy.pk).merged_into is None
        officer.post(url("merge", family["ellie"].pk), {**form, "confirm": "yes"})
        assert Person.objects.get(pk=copy.pk).merged_into == family["ellie"]
        merge = family["ellie"].merges_kept.get()
        officer.post(url("undo_merge", family["ellie"].pk, merge.pk))
        assert Person.objects.get(pk=copy.pk).merged_into is None

    def test_merging_a_record_into_itself_is_refused(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        page = officer.post(
            url("merge", family["ellie"].pk), {"other": family["ellie"].person_number, "why": "x"}
        )
        assert b"cannot be merged into itself" in page.content

    def test_an_unknown_number_is_refused(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        page = officer.post(url("merge", family["ellie"].pk), {"other": "P9999999", "why": "x"})
        assert b"There is no record with that person number" in page.content

    def test_undo_is_post_only(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        assert officer.get(url("undo_merge", family["ellie"].pk, 1)).status_code == 405


# Edges found in review: each once broke something.
def test_odd_digits_in_a_person_number_get_a_message(persona):
    ellie = make_person()
    officer = signed_in_client(persona[Role.DATA_OFFICER])
    page = officer.post(url("merge", ellie.pk), {"other": "P²", "why": "same"})
    assert b"There is no record with that person number" in page.content
