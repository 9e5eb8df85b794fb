from django.urls import path

from kith.people import views

app_name = "people"

urlpatterns = [
    path("", views.find, name="find"),
    path("<int:pk>/", views.person, name="person"),
]
