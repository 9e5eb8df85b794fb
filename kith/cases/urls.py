from django.urls import path

from kith.cases.views import (
    allocation,
    caseloads,
    closing,
    decision,
    front_door,
    matching,
    referrer,
)

app_name = "cases"

urlpatterns = [
    path("", caseloads.caseload, name="caseload"),
    path("contacts/", front_door.contacts, name="contacts"),
    path("contacts/new/", front_door.new_contact, name="new_contact"),
    path("contacts/<int:pk>/", front_door.contact, name="contact"),
    path("contacts/<int:pk>/decision/", decision.decide, name="decide"),
    path("contacts/<int:pk>/feedback/", referrer.feedback, name="feedback"),
    path("contacts/<int:pk>/letter/", referrer.letter, name="letter"),
    path("contacts/<int:pk>/child/", matching.match, name="match"),
    path("<int:pk>/allocation/", allocation.allocate, name="allocate"),
    path("<int:pk>/no-further-action/", closing.no_further_action, name="no_further_action"),
]
