from django.urls import path

from kith.children import views

app_name = "children"

urlpatterns = [
    path("overdue/", views.overdue, name="overdue"),
    path("<int:pk>/", views.child_summary, name="summary"),
    path("<int:pk>/chronology/", views.child_chronology, name="chronology"),
    path("<int:pk>/chronology/marks/", views.mark, name="mark"),
    path("<int:pk>/chronology/events/new/", views.add_event, name="add_event"),
]
