"""The one address every form saves its draft to, as the person types (frontend/drafts.js)."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kith.accounts.policies import STAFF, SignedInRequest, policy
from kith.drafts.actions import DraftConflict, keep, unsign, what_was_typed


@policy(STAFF)
@require_POST
def save(request: SignedInRequest) -> JsonResponse:
    """Keep what was typed. Answers with when it was kept and its version, or says why not:
    a page Kith did not make (400), or a draft saved since from another tab (409)."""
    page = unsign(request.POST.get("_draft", ""), request.user)
    if page is None:
        return JsonResponse({"state": "refused"}, status=400)
    raw = request.POST.get("_version", "0")
    version = int(raw) if raw.isdecimal() and len(raw) < 10 else -1
    try:
        draft = keep(page=page, typed=what_was_typed(request.POST), version=version)
    except DraftConflict as clash:
        saved = timezone.localtime(clash.current.saved_at)
        return JsonResponse(
            {"state": "elsewhere", "saved_at": f"{saved:%H:%M}", "version": clash.current.version},
            status=409,
        )
    return JsonResponse(
        {
            "state": "saved",
            "saved_at": f"{timezone.localtime(draft.saved_at):%H:%M}",
            "version": draft.version,
        }
    )
