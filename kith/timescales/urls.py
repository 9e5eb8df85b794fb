from django.urls import path

from kith.timescales import views

app_name = "timescales"

urlpatterns = [
    path("", views.timescales, name="rules"),
    path("<slug:key>/change/", views.change, name="change"),
    path("deadlines/<int:pk>/reason/", views.late_reason, name="reason"),
]
