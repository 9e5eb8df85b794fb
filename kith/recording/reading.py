"""A record read back as questions and answers in words: for its page, for a conflict (the
other person's version) and for a subject access bundle."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict

from kith.cases.models import Case
from kith.recording.kinds import Kind
from kith.recording.models import Record


def as_data(typed: dict[str, list[str]], version: int) -> QueryDict:
    """What was typed into a form (a draft), as the form's data again."""
    data = QueryDict(mutable=True)
    for key, values in typed.items():
        data.setlist(key, values)
    data["version"] = str(version)
    return data


def initial_of(record: Record) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in record.recorded_fields}
    values["version"] = record.version
    return values


def answers(form: forms.Form) -> list[tuple[str, str]]:
    """Each question on a form with its answer in words, for reading a record back."""
    shown = []
    for field in form.visible_fields():
        value = field.value()
        choices = dict(getattr(field.field, "choices", []) or [])
        if isinstance(value, list | tuple) and isinstance(field.field, forms.MultipleChoiceField):
            text = "; ".join(str(choices.get(v, v)) for v in value)
        elif isinstance(value, list | tuple):  # a date as typed: day, month, year
            text = "/".join(str(v) for v in value if v) if any(value) else ""
        elif isinstance(value, date):
            text = f"{value:%-d %B %Y}"
        elif isinstance(value, bool):
            text = "Yes" if value else "No"
        elif hasattr(value, "strftime"):
            text = value.strftime("%H:%M")
        else:
            text = str(choices.get(value, value) if value not in (None, "") else "")
        shown.append((str(field.label), text))
    return shown


def answers_of(record: Record, kind: Kind, case: Case) -> list[tuple[str, str]]:
    """A draft as it was last typed; anything else as it was saved (a plan's unsaved update
    is not the plan)."""
    if record.is_draft and record.draft:
        form = kind.form(as_data(record.draft, record.version), case=case)
    else:
        form = kind.form(case=case, initial=initial_of(record))
    return answers(form)
