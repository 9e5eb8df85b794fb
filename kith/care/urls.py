from django.urls import path

from kith.care.views import corrections, events, periods, reviews

app_name = "care"

urlpatterns = [
    path("cases/<int:pk>/start/", periods.come_into_care, name="come_into_care"),
    path("cases/<int:pk>/short-break/", events.new_short_break, name="new_short_break"),
    path("reviewing/", reviews.reviewing, name="reviewing"),
    path("<int:pk>/", periods.period, name="period"),
    path("<int:pk>/move/", periods.move, name="move"),
    path("<int:pk>/legal-status/", periods.legal_status, name="legal_status"),
    path("<int:pk>/details/", periods.details, name="details"),
    path("<int:pk>/end/", periods.end, name="end"),
    path("<int:pk>/reviews/new/", reviews.new_review, name="new_review"),
    path("reviews/<int:pk>/", reviews.review, name="review"),
    path("<int:pk>/missing/new/", events.new_missing, name="new_missing"),
    path("missing/<int:pk>/", events.edit_missing, name="edit_missing"),
    path("<int:pk>/checks/new/", events.new_check, name="new_check"),
    path("placements/<int:pk>/correct/", corrections.correct_placement, name="correct_placement"),
]
