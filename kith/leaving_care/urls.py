from django.urls import path

from kith.leaving_care import views

app_name = "leaving_care"

urlpatterns = [
    path("", views.leavers, name="caseload"),
    path("cases/<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/", views.leaver, name="leaver"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("<int:pk>/birthday/<int:age>/", views.birthday, name="birthday"),
    path("<int:pk>/arrangement/", views.arrangement, name="arrangement"),
    path("<int:pk>/letter.pdf", views.letter, name="letter"),
]
