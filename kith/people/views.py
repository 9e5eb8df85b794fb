from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kith.accounts.models import User
from kith.accounts.policies import (
    AUDITORS,
    DATA_OFFICERS,
    RECORDERS,
    RESTRICTORS,
    STAFF,
    policy,
)
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.people import actions
from kith.people.access import (
    get_person_for,
    may_open,
    may_record_about,
    reason_lasts,
    visible,
    visible_relationships,
)
from kith.people.break_glass import open_with_reason
from kith.people.codes import AddressType
from kith.people.forms import (
    AddressForm,
    BackgroundForm,
    EndAddressForm,
    IdentifierForm,
    IdentifiersForm,
    IdentityForm,
    InvolvementForm,
    MergeForm,
    NewPersonForm,
    OtherNameForm,
    ReasonForm,
    RelationshipForm,
    UnbornForm,
)
from kith.people.genogram import family_network as draw_family_network
from kith.people.merging import MergeRefused, merge_people, undo_merge
from kith.people.models import (
    Involvement,
    Merge,
    Person,
    Relationship,
    Residence,
    RestrictedAccess,
)
from kith.people.queries import person_page
from kith.people.relationships import RelationshipKind
from kith.people.restriction import (
    lift_restriction,
    name_on_record,
    remove_from_record,
    restrict_record,
)
from kith.people.rules import missing_details
from kith.people.search import MAX_RESULTS, Terms, parse, search
from kith.people.subject_access import bundle

CURRENT_RESIDENCE = Prefetch(
    "residences",
    queryset=Residence.objects.filter(end_date__isnull=True).select_related("address"),
    to_attr="current_residences",
)
# A name and a date of birth both matching, or an NHS number: worth a look before adding.
LIKELY_SAME_PERSON = 2.0


@policy(STAFF)
def find(request: HttpRequest) -> HttpResponse:
    """Find a person, as you type. The search terms are audited, like every look at a record."""
    query = request.GET.get("q", "").strip()[:200]
    matches = []
    if query:
        matches = search(parse(query), viewer=request.user)
        with_homes = Person.objects.filter(pk__in=[m.person.pk for m in matches]).prefetch_related(
            CURRENT_RESIDENCE
        )
        homes = {p.pk: p.current_residences for p in with_homes}  # type: ignore[attr-defined]
        for match in matches:
            match.person.current_residences = homes[match.person.pk]  # type: ignore[attr-defined]
        record(
            by=request.user,
            verb=Verb.PERSON_SEARCHED,
            detail={
                "terms": query,
                "results": len(matches),
                "found": [m.person.pk for m in matches],
            },
            request=request,
        )
    template = "people/_results.html" if request.htmx else "people/find.html"  # type: ignore[attr-defined]
    return render(
        request, template, {"query": query, "matches": matches, "max_results": MAX_RESULTS}
    )


@policy(STAFF)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk)
    record(by=request.user, verb=Verb.PERSON_VIEWED, person=found, request=request)
    if found.merged_into_id:
        survivor = found.merged_into
        assert survivor is not None
        messages.info(
            request,
            f"The record {found.person_number} was merged into this one, "
            f"{survivor.person_number}, because they are the same person.",
        )
        return redirect("people:person", found.merged_into_id)
    today = timezone.localdate()
    page = person_page(found, today, request.user)
    return render(
        request,
        "people/person.html",
        {
            "page": page,
            "person": found,
            "gaps": missing_details(found, today, page.current),
            "today": today,
            # Change links only for those who may record about the person (never by a
            # reason given); a contact about them may be recorded by anyone who may read it.
            "can_record": may_record_about(request.user, found),
            "can_record_contact": RECORDERS.permits(request.user),
            "can_merge": DATA_OFFICERS.permits(request.user),
            "can_audit": AUDITORS.permits(request.user),
            "can_restrict": RESTRICTORS.permits(request.user),
        },
    )


@policy(STAFF)
def family_network(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.PERSON_VIEWED,
        person=found,
        detail={"page": "family network"},
        request=request,
    )
    return render(
        request,
        "people/family_network.html",
        {
            "person": found,
            "network": draw_family_network(found, request.user),
            "today": timezone.localdate(),
        },
    )


@policy(RECORDERS)
def new_person(request: HttpRequest) -> HttpResponse:
    """Add a person. Before anything is saved, anyone Kith may already know is shown with the
    reasons, so a second record is never made by accident."""
    form = NewPersonForm(drafts.data_for(request))
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed_new"]:
            likely = [
                m
                for m in search(
                    Terms(
                        names=[
                            w
                            for w in re.split(
                                r"\s+", f"{data['first_name']} {data['family_name']}".lower()
                            )
                            if w
                        ],
                        date_of_birth=data["date_of_birth"],
                        nhs_number=data["nhs_number"],
                    ),
                    viewer=request.user,
                )
                if m.score >= LIKELY_SAME_PERSON
            ][:5]
            if likely:
                return render(
                    request, "people/check_new_person.html", {"form": form, "matches": likely}
                )
        try:
            with sent_once(request) as done:
                created = actions.create_person(
                    by=request.user,
                    request=request,
                    first_name=data["first_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    date_of_birth_is_estimated=data["date_of_birth_is_estimated"],
                    sex=data["sex"],
                    nhs_number=data["nhs_number"],
                )
                done(reverse("people:person", args=[created.pk]))
        except AlreadySent as sent:
            messages.info(request, "This person was already added: here is their record.")
            return redirect(sent.result or reverse("people:find"))
        drafts.forget(request)
        messages.success(request, f"{created.full_name} has been added as {created.person_number}.")
        return redirect("people:person", created.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": "Add a person",
            "button": "Continue",
            "cancel": reverse("people:find"),
        },
    )


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
    return lambda d: action(
        subject, by=request.user, version=d["version"], request=request, **_fields(d, *names)
    )


IDENTITY_FIELDS = (
    "first_name",
    "middle_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "date_of_birth_is_estimated",
    "expected_date_of_birth",
    "date_of_death",
    "sex",
    "gender_identity",
)
BACKGROUND_FIELDS = (
    "ethnicity",
    "first_language",
    "needs_interpreter",
    "religion",
    "immigration_status",
    "disabilities",
)


@policy(RECORDERS)
def change_identity(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        IdentityForm,
        title="Name, date of birth and sex",
        initial={name: getattr(found, name) for name in IDENTITY_FIELDS},
        apply=_apply(actions.change_person, found, request, *IDENTITY_FIELDS),
    )


@policy(RECORDERS)
def change_background(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        BackgroundForm,
        title="Ethnicity, language, religion and disability",
        initial={name: getattr(found, name) for name in BACKGROUND_FIELDS},
        apply=_apply(actions.change_person, found, request, *BACKGROUND_FIELDS),
    )


@policy(RECORDERS)
def change_identifiers(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        IdentifiersForm,
        title="NHS number and UPN",
        initial={
            "nhs_number": found.nhs_number,
            "upn": found.upn,
            "upn_unknown": found.upn_unknown,
        },
        apply=_apply(actions.change_person, found, request, "nhs_number", "upn", "upn_unknown"),
    )


@policy(RECORDERS)
def add_other_name(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        OtherNameForm,
        title="Add another name",
        done="The other name has been added.",
        apply=_apply(
            actions.add_other_name,
            found,
            request,
            "kind",
            "first_name",
            "family_name",
            "start_date",
            "end_date",
        ),
    )


@policy(RECORDERS)
def add_identifier(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        IdentifierForm,
        title="Add a reference number",
        done="The reference has been added.",
        apply=_apply(actions.add_identifier, found, request, "kind", "value"),
    )


@policy(RECORDERS)
def add_address(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    today = timezone.localdate()
    # Only the people sharing their home move with them, never others at a placement.
    homes = [
        r.address_id
        for r in person_page(found, today, request.user).current
        if r.kind == AddressType.HOME
    ]
    # Only those the user may see, and of them only those whose records they may change: the
    # others stay where they are (a restricted child's address is never touched or named).
    sharing = list(
        Person.objects.current()
        .filter(
            visible(request.user),
            residences__address__in=homes,
            residences__end_date__isnull=True,
            residences__kind=AddressType.HOME,
        )
        .exclude(pk=found.pk)
        .distinct()
        .order_by("date_of_birth")
    )
    household = [p for p in sharing if may_record_about(request.user, p)]
    staying = [p for p in sharing if p not in household]

    def apply(d: dict[str, Any]) -> None:
        actions.move_to_address(
            found,
            by=request.user,
            version=d["version"],
            address=_fields(d, "line_1", "line_2", "town", "postcode"),
            kind=d["kind"],
            start_date=d["start_date"],
            end_previous=d["replaces_current"],
            household=household if d["household_moves"] else [],
            request=request,
        )

    return _edit(
        request,
        found,
        AddressForm,
        title="Add an address",
        done="The address has been added.",
        initial={"kind": "home", "replaces_current": True},
        apply=apply,
        template="people/address_form.html",
        context={"household": household, "staying": staying},
    )


@policy(RECORDERS)
def end_address(request: HttpRequest, pk: int, residence: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    living = get_object_or_404(Residence, pk=residence, person=found)
    return _edit(
        request,
        found,
        EndAddressForm,
        title=f"When did they leave {living.address.line_1}?",
        done="The address has been ended.",
        apply=lambda d: actions.end_residence(
            living, by=request.user, version=d["version"], end_date=d["end_date"], request=request
        ),
    )


RELATIONSHIP_FIELDS = (
    "kind",
    "has_parental_responsibility",
    "contact_restriction",
    "start_date",
    "end_date",
    "notes",
)


@policy(RECORDERS)
def add_relationship(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: find the other person (a search on the same page). Step 2: the relationship."""
    found = get_person_for(request.user, pk, changeable=True)
    other_pk = request.POST.get("other") or request.GET.get("other")
    if not other_pk:
        query = request.GET.get("q", "").strip()[:200]
        matches = (
            [m for m in search(parse(query), viewer=request.user) if m.person.pk != found.pk]
            if query
            else []
        )
        if query:
            record(
                by=request.user,
                verb=Verb.PERSON_SEARCHED,
                detail={
                    "terms": query,
                    "results": len(matches),
                    "found": [m.person.pk for m in matches],
                },
                request=request,
            )
        return render(
            request,
            "people/relationship_find.html",
            {"person": found, "query": query, "matches": matches},
        )
    if not re.fullmatch(r"[0-9]{1,12}", str(other_pk)):
        raise Http404
    # The other side needs only reading: whether the relationship opens either record to
    # those who work with the other is decided by who records it (people/actions.py).
    other = get_person_for(request.user, int(other_pk), current=True)

    def apply(d: dict[str, Any]) -> None:
        if other.pk == found.pk:
            raise forms.ValidationError("A person cannot be related to themselves")
        first, second = (other, found) if d["direction"] == "they_are" else (found, other)
        actions.add_relationship(
            found,
            by=request.user,
            version=d["version"],
            request=request,
            first=first,
            second=second,
            **_fields(d, *RELATIONSHIP_FIELDS),
        )

    if other.pk == found.pk:
        messages.info(request, "A person cannot be related to themselves. Choose someone else.")
        return redirect("people:add_relationship", found.pk)
    return _edit(
        request,
        found,
        RelationshipForm,
        title=f"How is {other.full_name} related to {found.full_name}?",
        done="The relationship has been added.",
        initial={"other": other.pk, "direction": "they_are"},
        apply=apply,
        template="people/relationship_form.html",
        context={"other": other},
    )


@policy(RECORDERS)
def change_relationship(request: HttpRequest, pk: int, relationship: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    rel = get_object_or_404(
        Relationship.objects.filter(visible_relationships(request.user)).select_related(
            "first", "second"
        ),
        pk=relationship,
    )
    if found.pk not in (rel.first_id, rel.second_id):
        raise Http404
    other = rel.second if rel.first_id == found.pk else rel.first
    direction = "they_are" if rel.first_id == other.pk else "person_is"

    def apply(d: dict[str, Any]) -> None:
        first, second = (other, found) if d["direction"] == "they_are" else (found, other)
        actions.change_relationship(
            rel,
            found,
            by=request.user,
            version=d["version"],
            request=request,
            first=first,
            second=second,
            record_version=d["record_version"],
            **_fields(d, *RELATIONSHIP_FIELDS),
        )

    return _edit(
        request,
        found,
        RelationshipForm,
        title=f"Change how {other.full_name} is related to {found.full_name}",
        initial={
            "other": other.pk,
            "direction": direction,
            "record_version": rel.version,
            **{n: getattr(rel, n) for n in RELATIONSHIP_FIELDS},
        },
        apply=apply,
        template="people/relationship_form.html",
        context={"other": other},
    )


INVOLVEMENT_FIELDS = (
    "kind",
    "organisation",
    "name",
    "role",
    "phone",
    "email",
    "start_date",
    "end_date",
)


@policy(RECORDERS)
def add_involvement(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        InvolvementForm,
        title="Add a professional or agency",
        done="The professional has been added.",
        apply=_apply(actions.add_involvement, found, request, *INVOLVEMENT_FIELDS),
    )


@policy(RECORDERS)
def change_involvement(request: HttpRequest, pk: int, involvement: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    item = get_object_or_404(Involvement, pk=involvement, person=found)
    return _edit(
        request,
        found,
        InvolvementForm,
        title=f"Change {item.organisation}",
        initial={n: getattr(item, n) for n in INVOLVEMENT_FIELDS},
        apply=_apply(actions.change_involvement, item, request, *INVOLVEMENT_FIELDS),
    )


@policy(RECORDERS)
def add_unborn(request: HttpRequest, pk: int) -> HttpResponse:
    """An unborn baby, linked to their mother from the start (for a pre-birth assessment)."""
    mother = get_person_for(request.user, pk, changeable=True)
    form = UnbornForm(drafts.data_for(request), initial={"family_name": mother.family_name})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with sent_once(request) as done:
                baby = actions.create_person(
                    by=request.user,
                    request=request,
                    family_name=form.cleaned_data["family_name"],
                    expected_date_of_birth=form.cleaned_data["expected_date_of_birth"],
                    sex="U",
                )
                actions.add_relationship(
                    baby,
                    by=request.user,
                    version=None,
                    request=request,
                    first=mother,
                    second=baby,
                    kind=RelationshipKind.MOTHER,
                    has_parental_responsibility=True,
                )
                done(reverse("people:person", args=[baby.pk]))
        except AlreadySent as sent:
            messages.info(request, "The unborn baby was already added: here is their record.")
            return redirect(sent.result or reverse("people:person", args=[mother.pk]))
        drafts.forget(request)
        messages.success(request, f"The unborn baby has been added as {baby.person_number}.")
        return redirect("people:person", baby.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "person": mother,
            "title": f"Add {mother.full_name}'s unborn baby",
            "cancel": reverse("people:person", args=[mother.pk]),
        },
    )


@policy(DATA_OFFICERS)
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """A data officer merges another record into this one, after seeing both side by side."""
    survivor = get_person_for(request.user, pk, current=True)
    form = MergeForm(request.POST or None)
    other = None
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["other"].strip().upper().lstrip("P")
        found = re.fullmatch(r"[0-9]{1,12}", number)
        other = (
            Person.objects.current().filter(visible(request.user), pk=int(number)).first()
            if found
            else None
        )
        if other is None:
            form.add_error("other", "There is no record with that person number")
        elif "confirm" in request.POST:
            try:
                merge_people(
                    survivor, other, by=request.user, why=form.cleaned_data["why"], request=request
                )
            except MergeRefused as refused:
                form.add_error("other", str(refused))
            else:
                messages.success(
                    request,
                    f"{other.person_number} has been merged into {survivor.person_number}. "
                    "You can undo this from the record's history.",
                )
                return redirect("people:person", survivor.pk)
        elif other.pk == survivor.pk:
            form.add_error(
                "other", "A record cannot be merged into itself. Enter the other record's number"
            )
            other = None
    today = timezone.localdate()
    return render(
        request,
        "people/merge.html",
        {
            "form": form,
            "person": survivor,
            "other": other if other and not form.errors else None,
            "pages": [
                person_page(p, today, request.user)
                for p in (survivor, other)
                if p and not form.errors
            ],
        },
    )


@policy(DATA_OFFICERS)
@require_POST
def undo(request: HttpRequest, pk: int, merge_pk: int) -> HttpResponse:
    survivor = get_person_for(request.user, pk, current=True)
    done = get_object_or_404(Merge, pk=merge_pk, survivor=survivor)
    try:
        undo_merge(done, by=request.user, request=request)
    except MergeRefused as refused:
        messages.info(request, str(refused))
    else:
        messages.success(
            request,
            f"The merge has been undone: {done.merged.person_number} is a separate record again.",
        )
    return redirect("people:person", pk)


@policy(DATA_OFFICERS)
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    """A subject access request: preview everything held about the person, entries naming
    other people flagged for redaction review, then download it as one PDF."""
    found = get_person_for(request.user, pk)
    sections = bundle(found, timezone.localdate(), request.user)
    if request.GET.get("format") == "pdf":
        # Imported here: WeasyPrint needs the Pango library, which only PDF pages use.
        from weasyprint import HTML

        record(
            by=request.user,
            verb=Verb.SUBJECT_ACCESS_PRODUCED,
            person=found,
            detail={"sections": len(sections), "flagged": sum(s.flagged for s in sections)},
            request=request,
        )
        html = render_to_string(
            "people/subject_access_pdf.html",
            {
                "person": found,
                "sections": sections,
                "produced": timezone.localtime(),
                "by": request.user,
            },
        )
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{found.person_number}.pdf"'
        )
        return response
    record(
        by=request.user,
        verb=Verb.PERSON_VIEWED,
        person=found,
        detail={"page": "subject access"},
        request=request,
    )
    return render(request, "people/subject_access.html", {"person": found, "sections": sections})


@policy(RESTRICTORS)
def restriction(request: HttpRequest, pk: int) -> HttpResponse:
    """Restrict a record to named people, name or remove people, or lift the restriction. A
    decision about who may see the record, not a change to what it says: heads of service and
    administrators make it on any record they may open (docs/decisions/0008)."""
    found = get_person_for(request.user, pk, current=True)
    action = request.POST.get("action", "")
    why = request.POST.get("why", "").strip()
    error = ""
    if request.method == "POST":
        if action in ("restrict", "lift") and len(why.split()) < 3:
            error = "Say why, in a few words: the reason is kept with the record"
        elif action == "restrict":
            restrict_record(found, by=request.user, why=why, request=request)
            messages.success(request, f"{found.full_name}'s record is now restricted.")
            return redirect("people:restriction", found.pk)
        elif action == "lift":
            lift_restriction(found, by=request.user, why=why, request=request)
            messages.success(request, "The restriction has been lifted.")
            return redirect("people:restriction", found.pk)
        elif action == "name":
            user = User.objects.filter(
                username=request.POST.get("username", "").strip().lower(), is_active=True
            ).first()
            if user is None:
                error = "There is nobody with that sign-in name"
            else:
                name_on_record(found, user, by=request.user, request=request)
                messages.success(request, f"{user.get_full_name()} can now open the record.")
                return redirect("people:restriction", found.pk)
        elif action == "remove":
            access = get_object_or_404(
                RestrictedAccess,
                pk=request.POST.get("access") or 0,
                person=found,
                ended_at__isnull=True,
            )
            remove_from_record(access, by=request.user, request=request)
            messages.success(
                request, f"{access.user.get_full_name()} can no longer open the record."
            )
            return redirect("people:restriction", found.pk)
    named = RestrictedAccess.objects.filter(person=found, ended_at__isnull=True).select_related(
        "user"
    )
    return render(
        request,
        "people/restriction.html",
        {"person": found, "named": list(named), "error": error, "why": why, "action": action},
        status=400 if error else 200,
    )


@policy(STAFF)
def reason(request: HttpRequest, pk: int) -> HttpResponse:
    """Break-glass: a record outside the user's work opens once they say why."""
    found = Person.objects.filter(visible(request.user), pk=pk).first()
    if found is None:
        raise Http404("No such person")
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("people:person", args=[found.pk])
    if request.method != "POST" and may_open(request.user, found):
        return redirect(back)
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            open_with_reason(found, by=request.user, why=form.cleaned_data["why"], request=request)
            return redirect(back)
        record(
            by=request.user,
            verb=Verb.REASON_REFUSED,
            person=found,
            why=request.POST.get("why", "")[:1000],
            request=request,
        )
    return render(
        request,
        "people/reason.html",
        {"person": found, "form": form, "hours": int(reason_lasts().total_seconds() // 3600)},
    )
