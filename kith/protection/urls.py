from django.urls import path

from kith.protection.views.conference_amendments import amend_conference, enquiry_conference
from kith.protection.views.conference_documents import conference_letter, report
from kith.protection.views.enquiries import enquiry
from kith.protection.views.plans import edit_plan, end_plan, new_core_group, plan
from kith.protection.views.protection_conferences import conference, conferences, new_conference
from kith.protection.views.strategy_discussions import new_strategy, strategy

app_name = "protection"

urlpatterns = [
    path("conferences/", conferences, name="conferences"),
    path("cases/<int:pk>/strategy/new/", new_strategy, name="new_strategy"),
    path("cases/<int:pk>/conference/<slug:kind>/new/", new_conference, name="new_conference"),
    path("strategy/<int:pk>/", strategy, name="strategy"),
    path("enquiries/<int:pk>/", enquiry, name="enquiry"),
    path("conferences/<int:pk>/", conference, name="conference"),
    path("conferences/<int:pk>/amend/", amend_conference, name="amend_conference"),
    path("enquiries/<int:pk>/conference/", enquiry_conference, name="enquiry_conference"),
    path("conferences/<int:pk>/letter/<int:case_pk>/", conference_letter, name="conference_letter"),
    path("conferences/<int:pk>/reports/<int:report_pk>/", report, name="report"),
    path("plans/<int:pk>/", plan, name="plan"),
    path("plans/<int:pk>/edit/", edit_plan, name="edit_plan"),
    path("plans/<int:pk>/end/", end_plan, name="end_plan"),
    path("plans/<int:pk>/core-groups/new/", new_core_group, name="new_core_group"),
]
