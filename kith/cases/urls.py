from django.urls import path

from kith.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/new/", views.new_contact, name="new_contact"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("contacts/<int:pk>/decision/", views.decide, name="decide"),
    path("contacts/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("contacts/<int:pk>/letter/", views.letter, name="letter"),
    path("contacts/<int:pk>/child/", views.match, name="match"),
    path("<int:pk>/allocation/", views.allocate, name="allocate"),
    path("<int:pk>/no-further-action/", views.no_further_action, name="no_further_action"),
]
