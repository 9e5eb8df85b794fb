from django.urls import path

from kith.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("two-step/", views.two_step_set_up, name="two_step_set_up"),
    path("home/", views.home, name="home"),
    path("team/", views.team, name="team"),
    path("sessions/", views.sessions, name="sessions"),
]
