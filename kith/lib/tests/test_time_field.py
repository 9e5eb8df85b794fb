from datetime import time

import pytest
from django import forms

from kith.lib.forms import TimeField


class TimeFieldTests:
    @pytest.mark.parametrize(
        ("typed", "meant"),
        [
            ("14:30", time(14, 30)),
            ("9:05", time(9, 5)),
            ("0930", time(9, 30)),
            ("930", time(9, 30)),
            ("2:30pm", time(14, 30)),
            ("2.30 PM", time(14, 30)),
            ("12am", time(0, 0)),
            ("12pm", time(12, 0)),
            ("9", time(9, 0)),
            ("00:00", time(0, 0)),
            ("23:59", time(23, 59)),
        ],
    )
    def test_it_reads_the_ways_people_type_a_time(self, typed, meant):
        assert TimeField().clean(typed) == meant

    @pytest.mark.parametrize("typed", ["24:00", "12:60", "13pm", "half past", "1:2:3"])
    def test_it_refuses_what_is_not_a_time(self, typed):
        with pytest.raises(forms.ValidationError):
            TimeField(label="Time received").clean(typed)

    def test_blank_is_no_time_unless_required(self):
        assert TimeField(required=False).clean("") is None
        with pytest.raises(forms.ValidationError):
            TimeField(required=True).clean("")
