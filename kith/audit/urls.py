from django.urls import path

from kith.audit import views

app_name = "audit"

urlpatterns = [
    path("people/<int:pk>/", views.person_audit, name="person"),
    path("users/<int:pk>/", views.user_audit, name="user"),
]
