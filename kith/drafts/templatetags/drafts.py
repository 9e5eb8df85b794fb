"""The attributes that make a form keep its drafts (frontend/drafts.js) and the line that says
whether they were kept."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from kith.drafts.actions import kept, page_of, sign
from kith.drafts.once import FIELD

register = template.Library()


@register.simple_tag(takes_context=True)
def keeps_drafts(context: dict[str, Any], title: str, person: Any = None) -> str:
    """On a <form>: where its drafts go, signed with what they are about, and the version of
    the draft the page shows (0: none)."""
    request = context["request"]
    draft = kept(request)
    return format_html(
        'data-kith-draft="{}" data-kith-draft-url="{}" data-kith-draft-version="{}"'
        ' data-kith-draft-saved="{}"',
        sign(request.user, page_of(request), person, title),
        reverse("drafts:save"),
        draft.version if draft else 0,
        draft.saved_at.isoformat() if draft else "",
    )


@register.inclusion_tag("drafts/_status.html", takes_context=True)
def draft_status(context: dict[str, Any]) -> dict[str, Any]:
    """Whether what was typed is kept, in words, updated as the person types."""
    draft = kept(context["request"])
    return {"draft": draft, "saved_at": timezone.localtime(draft.saved_at) if draft else None}


@register.inclusion_tag("drafts/_put_back.html", takes_context=True)
def draft_put_back(context: dict[str, Any]) -> dict[str, Any]:
    """Above a form opened again: the words kept from last time are back in it."""
    request = context["request"]
    draft = kept(request) if request.method == "GET" else None
    return {"saved_at": timezone.localtime(draft.saved_at) if draft else None}


@register.simple_tag(takes_context=True)
def sent_once(context: dict[str, Any]) -> str:
    """The form's token (kith/drafts/once.py): the one it was first sent with, or a new one."""
    sent = context["request"].POST.get(FIELD, "")
    token = sent if sent.isalnum() and len(sent) <= 64 else uuid4().hex
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)
