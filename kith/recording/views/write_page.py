"""The page every record is written on: what was sent from it, its forms (with a plan's rows of
actions), and showing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import uuid4

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import SignedInRequest
from kith.cases.models import Case
from kith.lib.forms import problems
from kith.lib.rows import MOST as MOST_ROWS
from kith.lib.rows import rows_for
from kith.recording.forms import PlanActions
from kith.recording.kinds import Kind
from kith.recording.models import ChildInNeedPlan, Record
from kith.recording.reading import answers_of, initial_of

NOT_TYPED = {"csrfmiddlewaretoken", "action", "record", "token"}
# Longer than any answer anyone types; a draft is not a place to store files.
MAX_TYPED = 100_000


@dataclass(frozen=True)
class Sent:
    """One press of a button on the page a record is written on: the record (None until the
    page has made one) and what was typed into it."""

    request: SignedInRequest
    case: Case
    kind: Kind
    record: Record | None
    version: int | None
    typed: dict[str, list[str]]
    token: str
    # The button finishes the record, so the answers it needs are required.
    submitting: bool

    @property
    def by(self) -> User:
        """Whoever pressed it: someone signed in, as every writing view needs (RECORDERS)."""
        return self.request.user

    @property
    def updating(self) -> bool:
        """The record is an agreed plan: it changes only when a whole update is saved."""
        return self.record is not None and self.record.living and self.record.is_final


def sent_version(request: HttpRequest) -> int | None:
    """The version the page was opened on; None when it sent none (a page that has not yet
    made its record), 0 for anything that is not a number (never a record's version)."""
    raw = request.POST.get("version", "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdecimal() and len(raw) < 10 else 0


def typed_answers(request: HttpRequest, kind: Kind) -> dict[str, list[str]]:
    """Exactly what was typed into the form's own questions, to keep in the draft: names no
    form has are dropped, and so are NUL characters (no text needs one; a database refuses
    them)."""
    questions = set(kind.form.base_fields) - NOT_TYPED

    def asked(name: str) -> bool:
        if name in questions:
            return True
        if kind.has_actions and name.startswith("actions-"):
            return True
        # Questions with parts, such as a date's day, month and year boxes.
        return any(name.startswith(f"{q}_") for q in questions)

    return {
        name: [v.replace("\x00", "")[:MAX_TYPED] for v in values[: MOST_ROWS * 2]]
        for name, values in request.POST.lists()
        if name not in NOT_TYPED and asked(name)
    }


def initial_values(
    record: Record | None, kind: Kind
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if record is None:
        # Most records are written the same day: start them on today, easily changed.
        today = timezone.localdate()
        return ({kind.model.date_field: today} if kind.starts_today else {}), []
    values = initial_of(record)
    actions_now = []
    if isinstance(record, ChildInNeedPlan):
        actions_now = [a.snapshot() for a in record.current_actions()]
        for action in actions_now:
            if action["by_when"]:
                action["by_when"] = date.fromisoformat(str(action["by_when"]))
    return values, actions_now


def forms_for(
    request: HttpRequest,
    kind: Kind,
    case: Case,
    record: Record | None,
    *,
    data: QueryDict | None,
    submitting: bool = False,
    rows: int = 0,
) -> tuple[Any, Any]:
    initial, actions_now = initial_values(record, kind)
    form = kind.form(data, case=case, submitting=submitting, initial=initial)
    formset = None
    if kind.has_actions:
        formset = rows_for(PlanActions, data, prefix="actions", saved=actions_now, more=rows)
    return form, formset


def done_message(record: Record) -> str:
    if record.needs_authorisation:
        return f"Your {record.title.lower()} is submitted. Your manager will authorise it."
    if record.living:
        return f"The {record.title.lower()} is saved."
    return f"The {record.title.lower()} is recorded."


def render_write(
    request: HttpRequest,
    case: Case,
    kind: Kind,
    record: Record | None,
    form: Any,
    formset: Any,
    conflict: Record | None,
) -> HttpResponse:
    if record is None:
        title = kind.start
    elif record.living and record.is_final:
        title = f"Update the {kind.name}"
    else:
        title = f"{kind.start}: draft".replace("Start a ", "").capitalize()
    posted = request.POST.get("token", "")
    posted = posted if re.fullmatch(r"[A-Za-z0-9_-]{1,32}", posted) else ""  # never echo junk back
    token = posted or (record.form_token if record else "") or uuid4().hex
    return render(
        request,
        "recording/write.html",
        {
            "case": case,
            "kind": kind,
            "record": record,
            "form": form,
            "formset": formset,
            "problems": problems(form, *(formset.forms if formset is not None else [])),
            "title": title,
            "token": token,
            "conflict": conflict,
            "theirs": answers_of(conflict, kind, case) if conflict else None,
            "saved_at": timezone.localtime(record.updated_at) if record else None,
            "drawn_in": kind.drawn_in(case, request.user) if kind.drawn_in else None,
        },
    )
