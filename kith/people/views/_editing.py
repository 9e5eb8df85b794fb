"""What every page that changes a person shares: the form, the save through an action, and the
edit conflict when someone else saved first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kith.drafts import actions as drafts
from kith.people import actions
from kith.people.models import Person


def _edit(
    request: HttpRequest,
    person: Person,
    form_class: type[forms.Form],
    *,
    title: str,
    apply: Callable[[dict[str, Any]], Any],
    initial: dict[str, Any] | None = None,
    done: str = "Saved.",
    template: str = "people/form.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The shape of every page that changes a person: show the form, save through an action,
    or, if someone else saved first, keep what was typed and show their version."""
    form = form_class(
        drafts.data_for(request), initial={**(initial or {}), "version": person.version}
    )
    drafts.quiet_if_put_back(request, form)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            apply({**form.cleaned_data, "version": form.cleaned_data.get("version")})
        except forms.ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict as clash:
            conflict = clash.current
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form = form_class(data)
            form.is_valid()
            form.add_error(
                None,
                f"Someone else changed {person.full_name}'s record after you opened this page. "
                "Your changes are below and have not been saved yet: check them against the "
                "record as it is now, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(request, done)
            return redirect("people:person", person.pk)
    return render(
        request,
        template,
        {
            "form": form,
            "person": person,
            "title": title,
            "conflict": conflict,
            "cancel": reverse("people:person", args=[person.pk]),
            **(context or {}),
        },
    )


def _fields(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: data[name] for name in names}


def _apply(
    action: Callable[..., Any], subject: Any, request: HttpRequest, *names: str
) -> Callable[[dict[str, Any]], Any]:
    """What most pages do with a valid form: call the action with the named fields, as the
    signed-in user, on the version the form was opened on."""
    return lambda d: action(subject, by=request.user, version=d["version"], **_fields(d, *names))
