from django.urls import path

from kith.protection import views

app_name = "protection"

urlpatterns = [
    path("conferences/", views.conferences, name="conferences"),
    path("cases/<int:pk>/strategy/new/", views.new_strategy, name="new_strategy"),
    path("cases/<int:pk>/conference/<slug:kind>/new/", views.new_conference, name="new_conference"),
    path("strategy/<int:pk>/", views.strategy, name="strategy"),
    path("enquiries/<int:pk>/", views.enquiry, name="enquiry"),
    path("conferences/<int:pk>/", views.conference, name="conference"),
    path("conferences/<int:pk>/amend/", views.amend_conference, name="amend_conference"),
    path(
        "enquiries/<int:pk>/conference/",
        views.enquiry_conference,
        name="enquiry_conference",
    ),
    path(
        "conferences/<int:pk>/letter/<int:case_pk>/",
        views.conference_letter,
        name="conference_letter",
    ),
    path("conferences/<int:pk>/reports/<int:report_pk>/", views.report, name="report"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/edit/", views.edit_plan, name="edit_plan"),
    path("plans/<int:pk>/end/", views.end_plan, name="end_plan"),
    path("plans/<int:pk>/core-groups/new/", views.new_core_group, name="new_core_group"),
]
