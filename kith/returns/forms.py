from __future__ import annotations

from datetime import date

from django import forms

from kith.lib.forms import GovForm
from kith.returns.census import CollectionYear


def year_choices(today: date) -> list[tuple[str, str]]:
    """The year being recorded now, and the three before it."""
    now = CollectionYear.of(today).year
    return [
        (str(y), f"1 April {y - 1} to 31 March {y}" + (" (this year, so far)" if y == now else ""))
        for y in range(now, now - 4, -1)
    ]


class CensusForm(GovForm):
    year = forms.ChoiceField(label="Collection year", widget=forms.RadioSelect)
    check = forms.BooleanField(
        label="Check it with the community validator too",
        required=False,
        help_text="The open validator local authorities use (csc-validator-be-cin). It takes "
        "longer.",
    )

    def __init__(self, *args: object, today: date, can_check: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(today)  # type: ignore[attr-defined]
        self.fields["year"].initial = str(CollectionYear.latest_complete(today).year)
        if not can_check:
            del self.fields["check"]


class SSDA903Form(CensusForm):
    """The same choices for the SSDA903 return, named apart (ssda903-year) so that both forms
    can be on the returns page; the year a list, so that its choices are not read (or found)
    twice beside the census's radios."""

    prefix = "ssda903"

    def __init__(self, *args: object, today: date, can_check: bool, **kwargs: object) -> None:
        super().__init__(*args, today=today, can_check=can_check, **kwargs)
        self.fields["year"].widget = forms.Select(choices=year_choices(today))
        if "check" in self.fields:
            self.fields["check"].help_text = (
                "The open validator local authorities use (csc-validator-be-903). It compares "
                "the return with last year's too, so it takes longer."
            )
