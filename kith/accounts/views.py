from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kith.accounts import throttle, two_step
from kith.accounts.forms import CodeForm, SignInForm
from kith.accounts.models import SignedInSession, Team, User
from kith.accounts.policies import MANAGERS, PUBLIC, SIGNED_IN, STAFF, SignedInRequest, policy
from kith.accounts.roles import MANAGING_ROLES, Role
from kith.audit.log import client_address, record
from kith.audit.verbs import Verb

PENDING_USER = "kith_pending_user"
PENDING_NEXT = "kith_pending_next"
WAIT = "Too many wrong codes in a row. Wait a few seconds, then type the code your app shows now"


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _how_long(wait: timedelta) -> str:
    """A wait in whole seconds under a minute, otherwise in whole minutes, rounded up."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@policy(PUBLIC)
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request) or "accounts:home")

    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = client_address(request)
        # Counted before the password is checked, so attempts sent at once cannot all be tried.
        wait_until = throttle.reserve_attempt(username, address, timezone.now())
        if wait_until is not None:
            record(
                by=None,
                verb=Verb.SIGN_IN_REFUSED,
                detail={"username": username},
            )
            form.add_error(
                None,
                "There have been too many attempts to sign in with this name. For your "
                f"security, wait {_how_long(wait_until - timezone.now())} and try again. If "
                "you have forgotten your password, your administrator can set a new one.",
            )
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                form.add_error(
                    None,
                    "The sign-in name or password is not right. Check them and try again.",
                )
                status = 401
            else:
                throttle.give_back(username, address)
                if two_step.confirmed_device(user) is not None:
                    # Password right: now the code. Not signed in until the code is right too.
                    request.session[PENDING_USER] = user.pk
                    request.session[PENDING_NEXT] = _safe_next(request) or ""
                    return redirect("accounts:sign_in_code")
                login(request, user)
                return redirect(_safe_next(request) or "accounts:home")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "next": _safe_next(request) or "",
            "idle_minutes": settings.KITH_IDLE_TIMEOUT_MINUTES,
        },
        status=status,
    )


@policy(SIGNED_IN)
@never_cache
def sign_out(request: SignedInRequest) -> HttpResponse:
    """GET asks to confirm (so a link or a typed address never signs anyone out by surprise);
    POST signs out."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/sign_out.html")


@policy(SIGNED_IN)
def home(request: SignedInRequest) -> HttpResponse:
    """Everyone's landing page after signing in: their team and what they can do from here."""
    user = request.user
    assert isinstance(user, User)
    team = user.team
    manager = team.manager if team else None
    return render(
        request,
        "accounts/home.html",
        {
            "team": team,
            "manager": manager,
            "is_partner": user.role == Role.PARTNER,
            "idle_minutes": settings.KITH_IDLE_TIMEOUT_MINUTES,
            "two_step_on": user.is_verified(),  # type: ignore[attr-defined]
            "is_manager": user.role in MANAGING_ROLES,
            # Those who hold cases see their children, drafts and returned records (a personal
            # adviser, the young people they advise).
            "holds_cases": user.role
            in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.FRONT_DOOR, Role.PERSONAL_ADVISER),
        },
    )


def _teams_shown(user: User) -> list[Team]:
    """The teams on a manager's team page: the teams they lead, and a team manager's own team
    (one they belong to without being its named manager is still theirs to watch)."""
    teams = Team.objects.led_by(user)
    if user.role == Role.TEAM_MANAGER and user.team_id is not None:
        teams = teams | Team.objects.filter(pk=user.team_id)
    return list(teams.select_related("service_area", "manager").distinct())


@policy(MANAGERS)
def team(request: SignedInRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    teams = _teams_shown(user)
    members = (
        User.objects.filter(team__in=teams, is_active=True)
        .select_related("team")
        .order_by("team__name", "last_name", "first_name")
    )
    by_team: dict[int, list[User]] = {t.pk: [] for t in teams}
    for member in members:
        if member.team_id is not None:
            by_team[member.team_id].append(member)
    role_counts = (
        User.objects.filter(team__in=teams, is_active=True)
        .values("role")
        .annotate(n=Count("id"))
        .order_by("role")
    )
    return render(
        request,
        "accounts/team.html",
        {
            "teams": [(t, by_team[t.pk]) for t in teams],
            "role_counts": [(Role(r["role"]).label, r["n"]) for r in role_counts],
        },
    )


@policy(SIGNED_IN)
def sessions(request: SignedInRequest) -> HttpResponse:
    """Where you are signed in now; end every session but this one (a lost phone, a shared
    computer)."""
    user = request.user
    assert isinstance(user, User)
    this_key = request.session.session_key
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    open_sessions = SignedInSession.objects.filter(
        user=user, ended_at__isnull=True, session_key__in=live
    )
    if request.method == "POST":
        others = open_sessions.exclude(session_key=this_key)
        keys = list(others.values_list("session_key", flat=True))
        SignedInSession.objects.filter(session_key__in=keys).update(ended_at=timezone.now())
        Session.objects.filter(session_key__in=keys).delete()
        record(by=user, verb=Verb.SESSIONS_ENDED, detail={"ended": len(keys)})
        messages.success(
            request,
            f"You have been signed out of {len(keys)} other "
            f"session{'s' if len(keys) != 1 else ''}.",
        )
        return redirect("accounts:sessions")
    return render(
        request,
        "accounts/sessions.html",
        {"open_sessions": list(open_sessions), "this_key": this_key},
    )


@policy(PUBLIC)
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the six-digit code from the authenticator app."""
    pending = request.session.get(PENDING_USER)
    user = User.objects.filter(pk=pending, is_active=True).first() if pending else None
    device = two_step.confirmed_device(user) if user else None
    if user is None or device is None:
        return redirect("accounts:sign_in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The device is locked while a code is checked, so codes sent at once are checked one
        # after another against django-otp's growing wait (and a right code is used only once).
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            waiting = two_step.must_wait(device)
            right = not waiting and two_step.code_is_right(device, form.cleaned_data["code"])
        if waiting:
            form.add_error("code", WAIT)
        elif right:
            target = request.session.pop(PENDING_NEXT, "")
            request.session.pop(PENDING_USER, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return redirect(target or "accounts:home")
        else:
            record(
                by=None,
                verb=Verb.SIGN_IN_FAILED,
                detail={"username": user.username, "step": "code"},
            )
            form.add_error(
                "code",
                "The code is not right. Type the code your authenticator app shows now: "
                "it changes every 30 seconds",
            )
    return render(
        request,
        "accounts/sign_in_code.html",
        {"form": form},
        status=200 if not form.errors else 400,
    )


@policy(STAFF)
def two_step_set_up(request: SignedInRequest) -> HttpResponse:
    """Set up two-step sign-in: scan the QR code, then type the code the app shows."""
    user = request.user
    assert isinstance(user, User)
    if two_step.confirmed_device(user) is not None:
        messages.info(request, "Two-step sign-in is already set up for you.")
        return redirect("accounts:home")
    device = two_step.device_to_set_up(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_step.must_wait(device):
            form.add_error("code", WAIT)
        elif two_step.code_is_right(device, form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record(by=user, verb=Verb.TWO_STEP_SET_UP)
            messages.success(
                request,
                "Two-step sign-in is set up. You will be asked for a code each time you sign in.",
            )
            return redirect("accounts:home")
        form.add_error(
            "code", "The code is not right. Type the code your authenticator app shows now"
        )
    return render(
        request,
        "accounts/two_step_set_up.html",
        {
            "form": form,
            "qr_code": mark_safe(two_step.qr_code_svg(device)),  # noqa: S308 (made by qrcode from our own data)
            "secret": two_step.secret_for_typing(device),
            "required": two_step.required_for(user),
        },
    )
