"""Contacts at the front door, and the case-level steps that are not records: allocation and
no further action on a referral. Thin: access, form, action, then redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import MANAGERS, RECORDERS, STAFF, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases import actions
from kith.cases.access import (
    get_case_for,
    get_contact_for,
    may_allocate,
    may_decide,
    teams_led_by,
    visible_cases,
    visible_contacts,
)
from kith.cases.codes import ContactOutcome
from kith.cases.forms import (
    AllocationForm,
    ContactForm,
    DecisionForm,
    FeedbackForm,
    NewChildForm,
    NoFurtherActionForm,
)
from kith.cases.models import Case, Contact
from kith.drafts import actions as drafts
from kith.drafts.models import FormDraft
from kith.drafts.once import AlreadySent, sent_once
from kith.people.access import get_person_for
from kith.people.search import parse, search

RECENT_DECISIONS = 25
CASELOAD_LIMIT = 200


@policy(STAFF)
def contacts(request: HttpRequest) -> HttpResponse:
    """The front door's list: contacts waiting for a decision, oldest first, each with its due
    date; then the latest decisions."""
    listed = visible_contacts(request.user).select_related("child", "recorded_by")
    waiting = list(listed.filter(outcome="").order_by("received_at"))
    decided = list(
        listed.exclude(outcome="")
        .select_related("decided_by")
        .order_by("-decided_at")[:RECENT_DECISIONS]
    )
    return render(
        request,
        "cases/contacts.html",
        {
            "waiting": waiting,
            "decided": decided,
            "today": timezone.localdate(),
            "can_record": RECORDERS.permits(request.user),
        },
    )


@policy(RECORDERS)
def new_contact(request: HttpRequest) -> HttpResponse:
    """Record a contact, and its decision if it is made now. From a person's record the child
    is already known; otherwise type what the referrer said and match the child later."""
    child = None
    child_pk = request.GET.get("child", "")
    if child_pk.isdecimal():
        # A new contact is new work arriving, not a change to what the record says: whoever
        # may read the child's record may record that someone got in touch about them.
        child = get_person_for(request.user, int(child_pk), current=True)
    now = timezone.localtime()
    form = ContactForm(
        drafts.data_for(request),
        child=child,
        # Deciding is for the front door and the child's own workers, never by a reason given.
        can_decide=may_decide(request.user, Contact(child=child)),
        initial={"received_on": now.date(), "received_time": now.strftime("%H:%M")},
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "received_at",
                "referrer_name",
                "referrer_organisation",
                "referrer_phone_or_email",
                "source",
                "worries",
                "consent",
                "child_name",
                "child_date_of_birth",
                "child_address",
            )
            if name in data
        }
        if child is not None:
            fields["child_name"] = child.full_name
        by: Any = request.user
        # A referral for a child not found on record yet: the contact is saved now, and the
        # decision waits on its decision page while the worker finds the child.
        refer_later = data.get("outcome") == ContactOutcome.REFERRAL and child is None
        try:
            # The contact and its decision are saved together or not at all, so correcting a
            # refused decision and saving again never records the contact twice; and the same
            # form sent twice records it once.
            with sent_once(request) as done:
                contact = actions.record_contact(by=by, child=child, request=request, **fields)
                if data.get("outcome") and not refer_later:
                    actions.decide_contact(
                        contact,
                        by=by,
                        version=contact.version,
                        outcome=data["outcome"],
                        decision_reasons=data["decision_reasons"],
                        team=data.get("team"),
                        primary_need=data.get("primary_need") or "",
                        request=request,
                    )
                done(reverse("cases:contact", args=[contact.pk]))
        except AlreadySent as sent:
            messages.info(request, "This contact was already recorded: here it is.")
            return redirect(sent.result or reverse("cases:contacts"))
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            drafts.forget(request)
            if refer_later:
                return _find_the_child_then_refer(request, contact)
            messages.success(request, f"Contact {contact.reference} is recorded.")
            return redirect("cases:contact", contact.pk)
    return render(request, "cases/new_contact.html", {"form": form, "child": child})


DECISION_FIELDS = ("outcome", "decision_reasons", "team", "primary_need")


def _find_the_child_then_refer(request: HttpRequest, contact: Contact) -> HttpResponse:
    """A referral chosen before the child is found on record: keep the decision on the
    contact's decision page and go to find the child. Nothing typed is lost or typed again."""
    drafts.put_aside(
        user=request.user,
        page=reverse("cases:decide", args=[contact.pk]),
        title="Decision on a contact",
        typed={name: request.POST.getlist(name) for name in DECISION_FIELDS},
    )
    messages.success(
        request,
        f"Contact {contact.reference} is recorded. Now find the child's record, or add them: "
        "the referral you chose is then ready to record.",
    )
    return redirect("cases:match", contact.pk)


@policy(STAFF)
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_contact_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.CONTACT_VIEWED,
        person=found.child,
        detail={"contact": found.pk},
        request=request,
    )
    can_decide = may_decide(request.user, found) and not found.is_decided
    return render(
        request,
        "cases/contact.html",
        {
            "contact": found,
            "today": timezone.localdate(),
            "can_decide": can_decide,
            "can_record": may_decide(request.user, found),
            "decision": DecisionForm(
                initial={"version": found.version}, child_known=found.child is not None
            )
            if can_decide
            else None,
        },
    )


@policy(RECORDERS)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_contact_for(request.user, pk, to_decide=True)
    if found.is_decided:
        messages.info(request, "A decision has already been recorded for this contact.")
        return redirect("cases:contact", found.pk)
    sent = drafts.data_for(request)
    if sent is not None and not sent.get("version"):
        # A decision put aside while the child was found: it is decided on the contact as it is.
        sent = sent.copy()
        sent["version"] = str(found.version)
    form = DecisionForm(
        sent, initial={"version": found.version}, child_known=found.child is not None
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["outcome"] == ContactOutcome.REFERRAL and found.child is None:
            drafts.forget(request)
            return _find_the_child_then_refer(request, found)
        try:
            actions.decide_contact(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=data["version"],
                outcome=data["outcome"],
                decision_reasons=data["decision_reasons"],
                team=data.get("team"),
                primary_need=data.get("primary_need") or "",
                request=request,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict:
            form.add_error(
                None,
                "Someone else recorded something on this contact after you opened it. "
                "Open the contact again to see it before deciding.",
            )
        else:
            drafts.forget(request)
            messages.success(request, "The decision is recorded.")
            return redirect("cases:contact", found.pk)
    return render(request, "cases/decide.html", {"contact": found, "form": form})


@policy(RECORDERS)
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """What the referrer was told, and when (then print it as a letter if they want one)."""
    found = get_contact_for(request.user, pk, to_decide=True)
    if not found.is_decided:
        messages.info(request, "Record the decision first, then what the referrer was told.")
        return redirect("cases:contact", found.pk)
    form = FeedbackForm(
        drafts.data_for(request),
        initial={
            "version": found.version,
            "feedback": found.feedback,
            "feedback_given_on": found.feedback_given_on or timezone.localdate(),
        },
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_feedback(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=data["version"],
                feedback=data["feedback"],
                feedback_given_on=data["feedback_given_on"],
                request=request,
            )
        except actions.EditConflict:
            form.add_error(
                None, "Someone else changed this contact after you opened it: reload and retry."
            )
        else:
            drafts.forget(request)
            messages.success(request, "What the referrer was told is recorded.")
            return redirect("cases:contact", found.pk)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "What we told the referrer",
            "caption": f"Contact {found.reference}",
            "cancel": found.pk,
        },
    )


@policy(STAFF)
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision as a letter to the referrer, ready to print."""
    found = get_contact_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.CONTACT_LETTER_PRINTED,
        person=found.child,
        detail={"contact": found.pk},
        request=request,
    )
    return render(request, "cases/letter.html", {"contact": found, "today": timezone.localdate()})


@policy(RECORDERS)
def match(request: HttpRequest, pk: int) -> HttpResponse:
    """Find the child a contact is about, or add them as a new person."""
    found = get_contact_for(request.user, pk, to_decide=True)
    by: Any = request.user
    if found.case_id is not None:
        messages.info(
            request, "This contact opened a case for the child, so its child cannot change."
        )
        return redirect("cases:contact", found.pk)
    if request.method == "POST" and request.POST.get("person", "").isdecimal():
        # Saying which child a contact is about changes the contact, not the child's record.
        child = get_person_for(request.user, int(request.POST["person"]), current=True)
        try:
            actions.match_contact(
                found, child=child, by=by, version=_version(request), request=request
            )
        except actions.EditConflict:
            messages.error(request, "Someone else changed this contact: check it and try again.")
        else:
            return _on_to_the_decision(request, found, child)
        return redirect("cases:contact", found.pk)
    new_child = NewChildForm(
        request.POST or None,
        initial={
            "version": found.version,
            "first_name": found.child_name.split(" ")[0] if found.child_name else "",
            "family_name": " ".join(found.child_name.split(" ")[1:]),
            "date_of_birth": found.child_date_of_birth,
        },
    )
    if request.method == "POST" and new_child.is_valid():
        data = new_child.cleaned_data
        try:
            child = actions.add_child_from_contact(
                found,
                by=by,
                version=data["version"],
                request=request,
                first_name=data["first_name"],
                family_name=data["family_name"],
                date_of_birth=data["date_of_birth"],
            )
        except actions.EditConflict:
            new_child.add_error(None, "Someone else changed this contact: reload and try again.")
        else:
            return _on_to_the_decision(request, found, child, added=True)
    query = request.GET.get("q", found.child_name if found.child_name != "Not known" else "")
    dob = found.child_date_of_birth
    terms = f"{query} {dob:%d/%m/%Y}" if dob and "q" not in request.GET else query
    matches = search(parse(terms), viewer=request.user) if terms.strip() else []
    if terms.strip():
        record(
            by=request.user,
            verb=Verb.PERSON_SEARCHED,
            detail={
                "terms": terms,
                "results": len(matches),
                "found": [m.person.pk for m in matches],
                "contact": found.pk,
            },
            request=request,
        )
    return render(
        request,
        "cases/match.html",
        {"contact": found, "query": terms, "matches": matches, "new_child": new_child},
    )


def _on_to_the_decision(
    request: HttpRequest, contact: Contact, child: Any, *, added: bool = False
) -> HttpResponse:
    """The child is found: on to the decision put aside for them, if there is one."""
    said = (
        f"{child.full_name} is added and the contact is on their record"
        if added
        else (f"The contact is now on {child.full_name}'s record")
    )
    decision = reverse("cases:decide", args=[contact.pk])
    if (
        not contact.is_decided
        and FormDraft.objects.filter(user=request.user, page=decision).exists()  # type: ignore[misc]
    ):
        messages.success(request, f"{said}. Now record the referral you chose: it is below.")
        return redirect(decision)
    messages.success(request, f"{said}.")
    return redirect("cases:contact", contact.pk)


def _version(request: HttpRequest) -> int:
    """The version the page was opened on; 0 (never a record's) when it sent none."""
    raw = request.POST.get("version", "").strip()
    return int(raw) if raw.isdecimal() and len(raw) < 10 else 0


@policy(MANAGERS)
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_case_for(request.user, pk)
    if not may_allocate(request.user, found):
        raise PermissionDenied("Only the managers of the team holding this case can allocate it.")
    if not found.is_open:
        messages.info(request, "This case is closed, so it is not allocated to anyone now.")
        return redirect("recording:case", found.pk)
    form = AllocationForm(
        drafts.data_for(request),
        initial={"version": found.version, "team": found.team_id, "worker": found.worker_id},
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.allocate(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=data["version"],
                team=data["team"],
                worker=data["worker"],
                note=data["note"],
                request=request,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict:
            form.add_error(
                None, "Someone else changed this case after you opened it: reload and retry."
            )
        else:
            drafts.forget(request)
            who = data["worker"].get_full_name() if data["worker"] else data["team"].name
            messages.success(request, f"The case is allocated to {who}.")
            return redirect("recording:case", found.pk)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "Allocate the case",
            "caption": f"{found.child.full_name}, case {found.reference}",
            "case": found,
        },
    )


@policy(RECORDERS)
def no_further_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral needs nothing more (no assessment): the case closes on its referral date."""
    found = get_case_for(request.user, pk, changeable=True)
    form = NoFurtherActionForm(drafts.data_for(request), initial={"version": found.version})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_without_assessment(
                found,
                by=request.user,  # type: ignore[arg-type]
                version=form.cleaned_data["version"],
                why=form.cleaned_data["why"],
                request=request,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict:
            form.add_error(
                None, "Someone else changed this case after you opened it: reload and retry."
            )
        else:
            drafts.forget(request)
            messages.success(request, "No further action: the case is closed.")
            return redirect("recording:case", found.pk)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "No further action on this referral",
            "caption": f"{found.child.full_name}, case {found.reference}",
            "case": found,
            "button": "Close the case",
        },
    )


@policy(STAFF)
def caseload(request: HttpRequest) -> HttpResponse:
    """Open cases: the user's own, then their team's (or, for a manager, the teams they lead)."""
    user: Any = request.user
    led = list(teams_led_by(user).values_list("pk", flat=True))
    team_ids = led or ([user.team_id] if user.team_id else [])
    open_cases = (
        visible_cases(user)
        .filter(closed_on__isnull=True)
        .filter(Q(worker=user) | Q(team_id__in=team_ids))
        .select_related("child", "team", "worker")
        .order_by("referral_date")[:CASELOAD_LIMIT]
    )
    mine: list[Case] = []
    team: list[Case] = []
    for case in open_cases:
        (mine if case.worker_id == user.pk else team).append(case)
    unallocated = [c for c in team if c.worker_id is None]
    return render(
        request,
        "cases/caseload.html",
        {
            "mine": mine,
            "team": team,
            "unallocated": len(unallocated),
            "today": timezone.localdate(),
            "limit": CASELOAD_LIMIT,
            "at_limit": len(mine) + len(team) >= CASELOAD_LIMIT,
        },
    )
