from django.urls import path

from kith.recording import views

app_name = "recording"

urlpatterns = [
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/new/<slug:kind>/", views.new, name="new"),
    path("records/<slug:kind>/<int:pk>/", views.show, name="record"),
    path("records/<slug:kind>/<int:pk>/edit/", views.edit, name="edit"),
    path("records/<slug:kind>/<int:pk>/decision/", views.decide, name="decide"),
    path("records/<slug:kind>/<int:pk>/amend/", views.amend, name="amend"),
    path("records/<slug:kind>/<int:pk>/history/", views.history, name="history"),
    path("plans/<int:pk>/review/", views.review_plan, name="review_plan"),
    path("plans/<int:pk>/print/", views.plan_pdf, name="plan_pdf"),
    path("waiting-for-you/", views.waiting, name="waiting"),
]
