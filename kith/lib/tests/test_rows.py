import pytest
from django import forms
from django.http import QueryDict

from kith.lib.rows import MOST, rows_for, with_rows


class ThingForm(forms.Form):
    what = forms.CharField(required=False)


Things = forms.formset_factory(ThingForm, extra=0, min_num=3, validate_min=False)


def sent(**fields: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(fields)
    return data


class WithRowsTests:
    @pytest.mark.parametrize(
        ("count", "rows"),
        [("5", "5"), ("3", "3"), ("1", "3"), ("0", "3"), ("", "3"), ("x", "3"), ("-4", "3")],
    )
    def test_it_keeps_the_rows_sent_but_never_fewer_than_the_fewest(self, count, rows):
        data = with_rows(sent(**{"things-TOTAL_FORMS": count}), prefix="things", fewest=3)
        assert data["things-TOTAL_FORMS"] == rows

    def test_a_page_that_sent_no_count_gets_the_fewest(self):
        assert with_rows(sent(), prefix="things", fewest=3)["things-TOTAL_FORMS"] == "3"

    @pytest.mark.parametrize("count", [str(MOST), str(MOST + 1), "100000", "9" * 40])
    def test_a_tampered_count_cannot_make_a_huge_page(self, count):
        data = with_rows(sent(**{"things-TOTAL_FORMS": count}), prefix="things", fewest=3)
        assert data["things-TOTAL_FORMS"] == str(MOST)

    def test_another_row_is_one_more_than_the_page_had(self):
        data = with_rows(sent(**{"things-TOTAL_FORMS": "4"}), prefix="things", fewest=3, more=1)
        assert data["things-TOTAL_FORMS"] == "5"
        data = with_rows(sent(**{"things-TOTAL_FORMS": "1"}), prefix="things", fewest=3, more=1)
        assert data["things-TOTAL_FORMS"] == "4"

    def test_it_copies_what_was_sent_and_changes_only_the_count(self):
        original = sent(**{"things-TOTAL_FORMS": "4", "things-0-what": "Walk", "other": "kept"})
        data = with_rows(original, prefix="things", fewest=3, more=1)
        assert original["things-TOTAL_FORMS"] == "4"  # the request's own data is left alone
        assert data["things-0-what"] == "Walk" and data["other"] == "kept"
        assert data["things-INITIAL_FORMS"] == "0"

    def test_it_keeps_the_initial_count_a_page_sent(self):
        data = with_rows(sent(**{"things-INITIAL_FORMS": "2"}), prefix="things", fewest=3)
        assert data["things-INITIAL_FORMS"] == "2"

    def test_an_initial_count_that_is_not_a_number_counts_as_none(self):
        for wrong in ("", "-1", "two", "\x00"):
            data = with_rows(sent(**{"things-INITIAL_FORMS": wrong}), prefix="things", fewest=3)
            assert data["things-INITIAL_FORMS"] == "0"


class RowsForTests:
    def test_rows_sent_are_read_back_with_a_safe_count(self):
        data = sent(**{"things-TOTAL_FORMS": "100000", "things-1-what": "Walk to school"})
        shown = rows_for(Things, data, prefix="things")
        assert shown.is_bound and shown.is_valid()
        assert shown.total_form_count() == MOST
        assert shown.forms[1].cleaned_data["what"] == "Walk to school"

    def test_another_row_is_added_to_the_rows_sent(self):
        data = sent(**{"things-TOTAL_FORMS": "4"})
        assert rows_for(Things, data, prefix="things", more=1).total_form_count() == 5

    def test_with_nothing_sent_it_shows_the_rows_saved_and_more_blank_ones(self):
        saved = [{"what": f"Action {n}"} for n in range(1, 5)]
        shown = rows_for(Things, None, prefix="things", saved=saved, more=1)
        assert not shown.is_bound
        assert shown.total_form_count() == 5
        assert [f.initial.get("what") for f in shown.forms] == [
            "Action 1",
            "Action 2",
            "Action 3",
            "Action 4",
            None,
        ]

    def test_with_nothing_sent_or_saved_it_shows_the_fewest_blank_rows(self):
        shown = rows_for(Things, None, prefix="things")
        assert shown.total_form_count() == 3
