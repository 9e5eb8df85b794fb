from django.urls import path

from kith.recording.views import amending, deciding, plans, reading, writing

app_name = "recording"

urlpatterns = [
    path("<int:pk>/", reading.case, name="case"),
    path("<int:pk>/new/<slug:kind>/", writing.new, name="new"),
    path("records/<slug:kind>/<int:pk>/", reading.show, name="record"),
    path("records/<slug:kind>/<int:pk>/edit/", writing.edit, name="edit"),
    path("records/<slug:kind>/<int:pk>/decision/", deciding.decide, name="decide"),
    path("records/<slug:kind>/<int:pk>/amend/", amending.amend, name="amend"),
    path("records/<slug:kind>/<int:pk>/history/", reading.history, name="history"),
    path("plans/<int:pk>/review/", plans.review_plan, name="review_plan"),
    path("plans/<int:pk>/print/", plans.plan_pdf, name="plan_pdf"),
    path("waiting-for-you/", deciding.waiting, name="waiting"),
]
