from django.urls import path

from kith.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.jobs, name="jobs"),
    path("<str:kind>/run/", views.run_now, name="run_now"),
]
