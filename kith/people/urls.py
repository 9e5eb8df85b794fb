from django.urls import path

from kith.people import views

app_name = "people"

urlpatterns = [
    path("", views.find, name="find"),
    path("new/", views.new_person, name="new"),
    path("<int:pk>/", views.person, name="person"),
    path("<int:pk>/reason/", views.reason, name="reason"),
    path("<int:pk>/family-network/", views.family_network, name="family_network"),
    path("<int:pk>/identity/", views.change_identity, name="change_identity"),
    path("<int:pk>/background/", views.change_background, name="change_background"),
    path("<int:pk>/identifiers/", views.change_identifiers, name="change_identifiers"),
    path("<int:pk>/other-names/new/", views.add_other_name, name="add_other_name"),
    path("<int:pk>/references/new/", views.add_identifier, name="add_identifier"),
    path("<int:pk>/addresses/new/", views.add_address, name="add_address"),
    path("<int:pk>/addresses/<int:residence>/end/", views.end_address, name="end_address"),
    path("<int:pk>/relationships/new/", views.add_relationship, name="add_relationship"),
    path(
        "<int:pk>/relationships/<int:relationship>/",
        views.change_relationship,
        name="change_relationship",
    ),
    path("<int:pk>/professionals/new/", views.add_involvement, name="add_involvement"),
    path(
        "<int:pk>/professionals/<int:involvement>/",
        views.change_involvement,
        name="change_involvement",
    ),
    path("<int:pk>/unborn/new/", views.add_unborn, name="add_unborn"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/restriction/", views.restriction, name="restriction"),
    path("<int:pk>/subject-access/", views.subject_access, name="subject_access"),
    path("<int:pk>/merges/<int:merge_pk>/undo/", views.undo, name="undo_merge"),
]
