"""Form fields in the GOV.UK pattern, with messages a social worker understands."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django import forms
from django.utils import timezone


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes. Keeps exactly what was typed."""

    template_name = "components/date_input_widget.html"

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [str(data.get(f"{name}_{part}", "")).strip() for part in ("day", "month", "year")]


class DateField(forms.Field):
    """A date typed as day, month and year, checked the GOV.UK way: every message names the
    field and says what to do."""

    widget = DateInput
    kind = "date"

    def __init__(
        self,
        *,
        past: bool = False,
        future: bool = False,
        not_a_working_day: str = "",
        **kwargs: Any,
    ) -> None:
        self.past, self.future = past, future
        # Said as the date is typed when it is a weekend or a bank holiday (frontend/days.js):
        # a warning, never a refusal (the census queries such dates; it does not reject them).
        self.not_a_working_day = not_a_working_day
        super().__init__(**kwargs)
        if not_a_working_day:
            self.widget.attrs["not_a_working_day"] = not_a_working_day

    def to_python(self, value: Any) -> date | None:
        label = str(self.label or "The date")
        parts = value if isinstance(value, list | tuple) else [None, None, None]
        day, month, year = (str(p or "").strip() for p in parts)
        if not (day or month or year):
            return None
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and a '.join(missing)}")
        if not (day.isdecimal() and month.isdecimal() and year.isdecimal()):
            raise forms.ValidationError(f"{label} must be a real date, in numbers")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers, for example 2015")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # 31 February; a day of twenty-three digits
            raise forms.ValidationError(f"{label} must be a real date") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        label = str(self.label or "The date")
        if self.past and value > today:
            raise forms.ValidationError(f"{label} must be today or in the past")
        if self.future and value < today:
            raise forms.ValidationError(f"{label} must be today or in the future")
        if value.year < 1900:
            raise forms.ValidationError(f"{label} must be after 1900")


class GovForm(forms.Form):
    """A form whose required fields say "Enter …" in plain words unless told otherwise, and
    whose date boxes show the error style when their date is wrong."""

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_dates()

    def add_error(self, field: str | None, error: Any) -> None:
        """An error found after the form was valid (by the save) marks its date boxes too."""
        super().add_error(field, error)
        self._mark_dates()

    def _mark_dates(self) -> None:
        for name in getattr(self, "_errors", None) or {}:
            found = self.fields.get(name)
            if found is not None and isinstance(found.widget, DateInput):
                found.widget.attrs["error"] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and "required" not in getattr(field, "_custom_required", ()):
                label = str(field.label or "this").lower()
                if isinstance(field, forms.ChoiceField):
                    field.error_messages["required"] = f"Select {label}"
                else:
                    field.error_messages.setdefault("required", f"Enter {label}")
                    if field.error_messages["required"] == "This field is required.":
                        field.error_messages["required"] = f"Enter {label}"


class TimeField(forms.Field):
    """A time of day typed into one box: 14:30, 2:30pm, 1430 or 9 all work."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5"})

    def to_python(self, value: Any) -> time | None:
        text = str(value or "").strip().lower().replace(".", ":").replace(" ", "")
        if not text:
            return None
        suffix = ""
        for ending in ("am", "pm"):
            if text.endswith(ending):
                text, suffix = text[: -len(ending)], ending
        if ":" in text:
            hours, _, minutes = text.partition(":")
        elif len(text) in (3, 4):
            hours, minutes = text[:-2], text[-2:]
        else:
            hours, minutes = text, "0"
        label = str(self.label or "The time")
        if not (hours.isdecimal() and minutes.isdecimal()):
            raise forms.ValidationError(f"{label} must be a time, for example 14:30")
        h, m = int(hours), int(minutes)
        if suffix and not 1 <= h <= 12:
            raise forms.ValidationError(f"{label} must be a real time, for example 2:30pm")
        if suffix == "pm" and h != 12:
            h += 12
        if suffix == "am" and h == 12:
            h = 0
        if not (0 <= h <= 23 and 0 <= m <= 59):
            raise forms.ValidationError(f"{label} must be a real time, for example 14:30")
        return time(h, m)

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%H:%M") if isinstance(value, time) else value


def problems(*forms_here: Any) -> list[tuple[str, str]]:
    """Every problem on a page of one or more forms, each with the id of the box to fix, for
    the GOV.UK error summary (components/problems.html). Unbound forms have none. A child's
    part of a record covering several children says whose it is ("Sam Jones: Enter why")."""
    found: list[tuple[str, str]] = []
    for form in forms_here:
        if form is None or not form.is_bound:
            continue
        if hasattr(form, "non_form_errors"):  # rows of a formset: its own problems, then each
            found += [(str(e), "") for e in form.non_form_errors()]
            found += [p for p in problems(*form.forms) if p not in found]
            continue
        whose = f"{form.child_name}: " if getattr(form, "child_name", "") else ""
        found += [(f"{whose}{e}", "") for e in form.non_field_errors()]
        for field in form:
            for error in field.errors:
                anchor = (
                    f"{field.auto_id}_0"
                    if field.widget_type in ("radioselect", "checkboxselectmultiple")
                    else field.id_for_label
                )
                if (f"{whose}{error}", anchor) not in found:
                    found.append((f"{whose}{error}", anchor))
    return found


class VersionField(forms.IntegerField):
    """The version of the record a form was opened on, so a save after someone else's change
    is caught rather than written over theirs. Required: a form that does not say which version
    it read cannot be told from a stale one."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "This page is out of date: reload it and try again",
                "invalid": "This page is out of date: reload it and try again",
            },
        )
        super().__init__(min_value=1, **kwargs)
