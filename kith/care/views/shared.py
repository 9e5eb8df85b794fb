"""What the looked-after pages do alike: save a form once (a second sending finds the first),
say a clash with someone else's change in words, keep what was typed, and show the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import SignedInRequest
from kith.cases.actions import EditConflict
from kith.cases.models import Case
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.lib.forms import problems

CHANGED_MEANWHILE = (
    "Someone else changed this child's care record after you opened this page. Your answers "
    "are below and have not been saved: open the care page in a new tab to see what changed, "
    "then save again."
)


def save(
    request: SignedInRequest,
    form: Any,
    do: Callable[[], str],
    success: str,
    changed_meanwhile: str = CHANGED_MEANWHILE,
) -> HttpResponse | None:
    """Run `do` (which saves and says where to go next) once for this page; None if the form
    must be shown again with its problems (what was typed stays in it)."""
    try:
        with sent_once(request) as done:
            url = do()
            done(url)
    except AlreadySent as sent:
        messages.info(request, "This was already saved: here it is.")
        return redirect(sent.result or "web:start")
    except ValidationError as refused:
        form.add_error(None, refused)
    except EditConflict:
        form.add_error(None, changed_meanwhile)
    except IntegrityError:  # the same thing recorded by someone else at the same moment
        form.add_error(None, changed_meanwhile)
    else:
        drafts.forget(request)
        messages.success(request, success)
        return redirect(url)
    return None


def form_page(
    request: SignedInRequest,
    case: Case,
    form: Any,
    *,
    title: str,
    button: str,
    back: str,
    back_label: str = "Back to the child's care",
    formset: Any = None,
    intro: str = "",
    template: str = "care/form.html",
    **more: Any,
) -> HttpResponse:
    shown = [form, *(formset.forms if formset is not None else [])]
    return render(
        request,
        template,
        {
            "form": form,
            "formset": formset,
            "case": case,
            "title": title,
            "button": button,
            "back_url": back,
            "back_label": back_label,
            "intro": intro,
            "problems": problems(*shown),
            **more,
        },
    )


def step_page(
    request: SignedInRequest,
    case: Case,
    form: Any,
    act: Callable[[], object],
    *,
    back: str,
    back_label: str,
    success: str,
    title: str,
    button: str,
    intro: str = "",
    changed_meanwhile: str = CHANGED_MEANWHILE,
) -> HttpResponse:
    """A short page that records one thing (`act`, with the form's answers) and goes back to
    the page it came from: the permanence and leaving care pages' shape."""
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():

        def do() -> str:
            act()
            return back

        done = save(request, form, do, success, changed_meanwhile)
        if done:
            return done
    return form_page(
        request, case, form, title=title, button=button, back=back, back_label=back_label,
        intro=intro,
    )  # fmt: skip
