from django.urls import path

from kith.protection.views import (
    conference_amendments,
    conference_documents,
    enquiries,
    plans,
    protection_conferences,
    strategy_discussions,
)

app_name = "protection"

urlpatterns = [
    path("conferences/", protection_conferences.conferences, name="conferences"),
    path("cases/<int:pk>/strategy/new/", strategy_discussions.new_strategy, name="new_strategy"),
    path(
        "cases/<int:pk>/conference/<slug:kind>/new/",
        protection_conferences.new_conference,
        name="new_conference",
    ),
    path("strategy/<int:pk>/", strategy_discussions.strategy, name="strategy"),
    path("enquiries/<int:pk>/", enquiries.enquiry, name="enquiry"),
    path("conferences/<int:pk>/", protection_conferences.conference, name="conference"),
    path(
        "conferences/<int:pk>/amend/",
        conference_amendments.amend_conference,
        name="amend_conference",
    ),
    path(
        "enquiries/<int:pk>/conference/",
        conference_amendments.enquiry_conference,
        name="enquiry_conference",
    ),
    path(
        "conferences/<int:pk>/letter/<int:case_pk>/",
        conference_documents.conference_letter,
        name="conference_letter",
    ),
    path(
        "conferences/<int:pk>/reports/<int:report_pk>/",
        conference_documents.report,
        name="report",
    ),
    path("plans/<int:pk>/", plans.plan, name="plan"),
    path("plans/<int:pk>/edit/", plans.edit_plan, name="edit_plan"),
    path("plans/<int:pk>/end/", plans.end_plan, name="end_plan"),
    path("plans/<int:pk>/core-groups/new/", plans.new_core_group, name="new_core_group"),
]
