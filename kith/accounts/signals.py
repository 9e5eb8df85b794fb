"""Sign-in, sign-out and failed sign-ins go into the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from kith.accounts.models import SignedInSession
from kith.audit.log import client_address, record
from kith.audit.verbs import Verb


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(by=user, verb=Verb.SIGNED_IN)
    if request is not None and hasattr(request, "session"):
        request.session.save()  # a key, so the session can be listed and ended
        SignedInSession.objects.update_or_create(
            session_key=request.session.session_key,
            defaults={
                "user": user,
                "ip_address": client_address(request),
                "browser": request.META.get("HTTP_USER_AGENT", "")[:200],
                "ended_at": None,
            },
        )


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    idle = getattr(request, "kith_idle_sign_out", False)
    record(by=user, verb=Verb.SIGNED_OUT_IDLE if idle else Verb.SIGNED_OUT)
    if request is not None and getattr(request, "session", None) is not None:
        SignedInSession.objects.filter(
            session_key=request.session.session_key, ended_at__isnull=True
        ).update(ended_at=timezone.now())


@receiver(user_login_failed)
def audit_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # Django hides the password in `credentials`; only the name typed is kept.
    username = str(credentials.get("username", "")).strip().lower()
    record(by=None, verb=Verb.SIGN_IN_FAILED, detail={"username": username})
