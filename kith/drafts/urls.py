from django.urls import path

from kith.drafts import views

app_name = "drafts"

urlpatterns = [
    path("", views.save, name="save"),
]
