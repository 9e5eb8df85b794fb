"""Keeping what was typed into a form, putting it back, and forgetting it once the form is
saved. The page a form is on signs what the draft is about (its address, the person, a title),
so the one address every form saves its draft to trusts only what a page of Kith said."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.forms.utils import ErrorDict
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from kith.accounts.models import User
from kith.drafts.models import FormDraft

SALT = "kith.drafts.page"
# More than any form has; a draft is words, not files.
MOST_FIELDS = 400
MOST_CHARACTERS = 200_000
FIELD_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")
NOT_TYPED = {"csrfmiddlewaretoken", "_draft", "_version", "action", "token", "record"}


@dataclass(frozen=True)
class Page:
    """What a form's page says its drafts are about (signed, so it cannot be made up)."""

    user_id: int
    path: str
    person_id: int | None
    title: str


class DraftConflict(Exception):
    """The draft was saved from another tab or window after this page last saved it."""

    def __init__(self, current: FormDraft) -> None:
        super().__init__("The draft was saved from somewhere else.")
        self.current = current


def sign(user: User, path: str, person: Any, title: str) -> str:
    return signing.dumps(
        {"u": user.pk, "p": path, "c": getattr(person, "pk", None), "t": title[:200]}, salt=SALT
    )


def unsign(value: str, user: User) -> Page | None:
    try:
        said = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(said, dict) or said.get("u") != user.pk:
        return None
    return Page(user_id=user.pk, path=str(said["p"]), person_id=said.get("c"), title=said["t"])


def what_was_typed(data: QueryDict) -> dict[str, list[str]]:
    """Exactly what was typed, as the form would send it: no security tokens, no names a form
    could not have, no NUL characters, and not more than any form holds."""
    typed: dict[str, list[str]] = {}
    left = MOST_CHARACTERS
    for name, values in data.lists():
        if name in NOT_TYPED or not FIELD_NAME.fullmatch(name) or len(typed) >= MOST_FIELDS:
            continue
        kept = []
        for value in values[:MOST_FIELDS]:
            value = value.replace("\x00", "")[:left]
            left -= len(value)
            kept.append(value)
        typed[name] = kept
    return typed


@transaction.atomic
def keep(*, page: Page, typed: dict[str, list[str]], version: int) -> FormDraft:
    """Keep what was typed on `page`, over the draft this page last saw (`version`; 0 for
    none). Raises DraftConflict when another tab or window saved it since."""
    draft = FormDraft.objects.select_for_update().filter(user_id=page.user_id, page=page.path)
    found = draft.first()
    if found is None:
        try:
            with transaction.atomic():
                return FormDraft.objects.create(
                    user_id=page.user_id,
                    page=page.path,
                    person_id=page.person_id,
                    title=page.title,
                    typed=typed,
                )
        except IntegrityError:  # another tab's first save got there first
            raise DraftConflict(draft.get()) from None
    if found.version != version:
        raise DraftConflict(found)
    found.typed, found.saved_at, found.version = typed, timezone.now(), found.version + 1
    found.save(update_fields=["typed", "saved_at", "version"])
    return found


def page_of(request: HttpRequest) -> str:
    """The address a form's drafts are kept under: its page, with the question that chose what
    the form is about (a contact about one child is not a contact about another)."""
    return request.get_full_path()[:300]


def put_aside(*, user: User, page: str, title: str, typed: dict[str, list[str]]) -> None:
    """Keep words typed on one page for the form on another (a decision typed on a new contact
    waits on the contact's decision page while the child is found)."""
    FormDraft.objects.update_or_create(
        user=user, page=page[:300], defaults={"title": title, "typed": typed}
    )


def kept(request: HttpRequest) -> FormDraft | None:
    """The signed-in user's draft of the form on this page, if they left one (read once a
    request)."""
    if not hasattr(request, "kith_draft"):
        request.kith_draft = (  # type: ignore[attr-defined]
            FormDraft.objects.filter(user_id=request.user.pk, page=page_of(request)).first()
            if request.user.is_authenticated
            else None
        )
    return request.kith_draft  # type: ignore[attr-defined]


def typed_for(request: HttpRequest) -> QueryDict | None:
    """What was typed into this page's form and not saved, as the form's data again; None on a
    POST (what was just sent counts) or when nothing was left."""
    if request.method != "GET":
        return None
    draft = kept(request)
    if draft is None or not draft.typed:
        return None
    data = QueryDict(mutable=True)
    for name, values in draft.typed.items():
        data.setlist(name, values)
    return data


def data_for(request: HttpRequest) -> QueryDict | None:
    """What a form on this page is made from: what was sent, else the words kept from last
    time (put back as typed), else nothing (a fresh form)."""
    return request.POST or typed_for(request) or None


def quiet_if_put_back(request: HttpRequest, *forms: Any) -> None:
    """Words put back from a draft are shown as typed, without complaints: those come when the
    form is sent."""
    if request.method == "GET" and typed_for(request) is not None:
        quiet(*forms)


def quiet(*forms: Any) -> None:
    """Words put back are shown as typed, without complaints: those come when they are sent."""
    for form in forms:
        if form is None:
            continue
        if hasattr(form, "management_form"):  # a formset: its rows, and its own checks
            form.full_clean()
            form._non_form_errors = form.error_class()
            quiet(*form.forms)
            continue
        form.full_clean()
        form._errors = ErrorDict()


def forget(request: HttpRequest) -> None:
    """The form on this page was saved: its draft is no longer needed."""
    if request.user.is_authenticated:
        FormDraft.objects.filter(user=request.user, page=page_of(request)).delete()
    request.kith_draft = None  # type: ignore[attr-defined]
