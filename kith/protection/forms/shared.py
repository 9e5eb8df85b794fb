"""What the child protection forms share: a text box, a record's date checked against the
child it is about, a child's part of a record covering several children, and words written once
for brothers and sisters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms

from kith.cases.models import Case
from kith.lib.forms import GovForm
from kith.protection import rules


def text(label: str, *, required: bool = True, help_text: str = "", long: bool = True) -> Any:
    """A question answered in words: a text area, or one line where `long` is False."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea if long else forms.TextInput,
    )


def too_early(day: date | None, what: str, case: Case | None, child: Any = None) -> str | None:
    """Why a record dated `day` cannot be about the child of `case` (or `child`, who has no
    case yet), naming them (the rule is rules.too_early_for_child)."""
    child = case.child if case is not None else child
    if child is None:
        return None
    return rules.too_early_for_child(
        day,
        what=what,
        name=child.first_name or child.full_name,
        born=child.date_of_birth,
        expected=child.expected_date_of_birth,
        referral=case.referral_date if case is not None else None,
    )


def fits_each_child(form: GovForm, field: str, what: str, per_child: Sequence[ChildPart]) -> None:
    """A record covering several children has one date: it must fit every child it decides
    about (a child left out of it does not count)."""
    day = form.cleaned_data.get(field)
    for part in per_child:
        if part.decides():
            problem = too_early(day, what, part.case, part.child)
            if problem:
                form.add_error(field, problem)


class ChildPart(GovForm):
    """One child's part of a record covering several children: its messages say whose, and
    the record's date is checked against the child's `case` (their birth, their referral)."""

    def __init__(
        self,
        *args: Any,
        child_name: str = "",
        case: Case | None = None,
        child: Any = None,
        **kwargs: Any,
    ) -> None:
        self.case = case
        self.child = child if child is not None else (case.child if case is not None else None)
        self.child_name = child_name or (self.child.full_name if self.child is not None else "")
        super().__init__(*args, **kwargs)

    def decides(self) -> bool:
        """Whether the record decides anything about this child (its decision is not 'not
        part of this')."""
        return (
            self.is_bound
            and "decision" not in self.errors
            and bool(self.cleaned_data.get("decision"))
        )


class AlsoForSiblings:
    """Written once for brothers and sisters: a form about one child's record offers the same
    words for the matching records of the children around them (their enquiries from the same
    discussion, their plans), each chosen as "pk:version", so a change to theirs since the page
    opened is caught when saving. Each record stays the child's own."""

    @staticmethod
    def field(theirs: str) -> forms.MultipleChoiceField:
        return forms.MultipleChoiceField(
            label="The same for",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=f"{theirs} stay their own: change any of them afterwards if they differ.",
        )

    @staticmethod
    def offer(
        form: forms.Form, siblings: Sequence[Any], what: str, differing: Sequence[Any] = ()
    ) -> None:
        """Offer each sibling's record, ticked unless it says something of its own (`differing`):
        words of their own are replaced only when the worker ticks them, knowing it."""
        form.siblings = {str(s.pk): s for s in siblings}  # type: ignore[attr-defined]
        if not siblings:
            del form.fields["also"]
            return
        field = form.fields["also"]
        own = {s.pk for s in differing}
        field.choices = [  # type: ignore[attr-defined]
            (
                f"{s.pk}:{s.version}",
                f"{s.case.child.full_name}'s {what}"
                + (
                    " (written differently: ticking it puts these words in place of theirs)"
                    if s.pk in own
                    else ""
                ),
            )
            for s in siblings
        ]
        field.initial = [f"{s.pk}:{s.version}" for s in siblings if s.pk not in own]
        # A page read before a sibling's record changed sends its older version: that is for
        # the save to catch (and say whose), not a choice that is not there.
        field.valid_value = (  # type: ignore[attr-defined]
            lambda value: str(value).partition(":")[0] in form.siblings  # type: ignore[attr-defined]
        )

    @staticmethod
    def chosen(form: forms.Form) -> list[tuple[Any, int]]:
        """The siblings' records chosen, each with the version the page read."""
        found = []
        for value in form.cleaned_data.get("also") or []:
            pk, _, version = str(value).partition(":")
            if pk in form.siblings and version.isdecimal():  # type: ignore[attr-defined]
                found.append((form.siblings[pk], int(version)))  # type: ignore[attr-defined]
        return found
