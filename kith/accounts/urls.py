from django.urls import path

from kith.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("home/", views.home, name="home"),
    path("team/", views.team, name="team"),
    path("sessions/", views.sessions, name="sessions"),
]
