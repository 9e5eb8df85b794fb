from django.urls import path

from kith.web import health, views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("healthz", health.healthz, name="healthz"),
]
