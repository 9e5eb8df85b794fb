from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.sessions.models import Session
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from kith.accounts.forms import SignInForm
from kith.accounts.models import SignedInSession, Team, User
from kith.accounts.policies import MANAGERS, PUBLIC, SIGNED_IN, policy
from kith.accounts.roles import Role
from kith.accounts.throttle import sign_in_locked_until
from kith.audit.log import client_address, record
from kith.audit.verbs import Verb


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


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
        locked_until = sign_in_locked_until(username, address, timezone.now())
        if locked_until is not None:
            record(
                by=None,
                verb=Verb.SIGN_IN_REFUSED,
                detail={"username": username},
                request=request,
            )
            minutes = max(1, round((locked_until - timezone.now()).total_seconds() / 60))
            form.add_error(
                None,
                "There have been too many attempts to sign in with this name. For your "
                f"security, wait {minutes} minute{'s' if minutes != 1 else ''} and try again, "
                "or ask your administrator to reset your password.",
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
def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm (so a link or a typed address never signs anyone out by surprise);
    POST signs out."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/sign_out.html")


@policy(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
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
        },
    )


def teams_led_by(user: User) -> list[Team]:
    """The teams whose work a manager oversees: a team manager's own teams; a head of service's
    whole service area."""
    teams = Team.objects.select_related("service_area", "manager")
    if user.role == Role.HEAD_OF_SERVICE:
        return list(teams.filter(service_area__head=user))
    return list(teams.filter(Q(manager=user) | Q(pk=user.team_id)).distinct())


@policy(MANAGERS)
def team(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    teams = teams_led_by(user)
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
def sessions(request: HttpRequest) -> HttpResponse:
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
        record(by=user, verb=Verb.SESSIONS_ENDED, detail={"ended": len(keys)}, request=request)
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
