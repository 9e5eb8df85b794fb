from django.urls import path

from kith.people.views import (
    addresses,
    break_glass,
    family,
    finding,
    merging,
    professionals,
    record,
    restriction,
    subject_access,
)

app_name = "people"

urlpatterns = [
    path("", finding.find, name="find"),
    path("new/", finding.new_person, name="new"),
    path("<int:pk>/", record.person, name="person"),
    path("<int:pk>/reason/", break_glass.reason, name="reason"),
    path("<int:pk>/family-network/", family.family_network, name="family_network"),
    path("<int:pk>/identity/", record.change_identity, name="change_identity"),
    path("<int:pk>/background/", record.change_background, name="change_background"),
    path("<int:pk>/identifiers/", record.change_identifiers, name="change_identifiers"),
    path("<int:pk>/other-names/new/", record.add_other_name, name="add_other_name"),
    path("<int:pk>/references/new/", record.add_identifier, name="add_identifier"),
    path("<int:pk>/addresses/new/", addresses.add_address, name="add_address"),
    path("<int:pk>/addresses/<int:residence>/end/", addresses.end_address, name="end_address"),
    path("<int:pk>/relationships/new/", family.add_relationship, name="add_relationship"),
    path(
        "<int:pk>/relationships/<int:relationship>/",
        family.change_relationship,
        name="change_relationship",
    ),
    path("<int:pk>/professionals/new/", professionals.add_involvement, name="add_involvement"),
    path(
        "<int:pk>/professionals/<int:involvement>/",
        professionals.change_involvement,
        name="change_involvement",
    ),
    path("<int:pk>/unborn/new/", family.add_unborn, name="add_unborn"),
    path("<int:pk>/merge/", merging.merge, name="merge"),
    path("<int:pk>/restriction/", restriction.restriction, name="restriction"),
    path("<int:pk>/subject-access/", subject_access.subject_access, name="subject_access"),
    path("<int:pk>/merges/<int:merge_pk>/undo/", merging.undo, name="undo_merge"),
]
