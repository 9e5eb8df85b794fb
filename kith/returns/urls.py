from django.urls import path

from kith.returns import views

app_name = "returns"

urlpatterns = [
    path("", views.returns, name="returns"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/file/", views.download, name="download"),
    path("data-quality/", views.quality, name="quality"),
]
