from django.urls import path

from kith.permanence import views

app_name = "permanence"

urlpatterns = [
    path("adoption/", views.adoption_timescales, name="adoption"),
    path("<int:pk>/", views.permanence, name="period"),
    path("<int:pk>/meeting/", views.meeting, name="meeting"),
    path("<int:pk>/long-term-match/", views.long_term_match, name="long_term_match"),
    path("<int:pk>/adoption/", views.decide, name="decide"),
    path("adoption/<int:pk>/match/", views.match, name="match"),
    path("adoption/<int:pk>/no-longer/", views.no_longer, name="no_longer"),
]
