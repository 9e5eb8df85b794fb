from django.contrib import admin
from django.urls import include, path

from kith.web.views import admin_sign_in

urlpatterns = [
    path("", include("kith.web.urls")),
    path("", include("kith.accounts.urls")),
    path("people/", include("kith.people.urls")),
    path("cases/", include("kith.cases.urls")),
    path("cases/", include("kith.recording.urls")),
    path("protection/", include("kith.protection.urls")),
    path("looked-after/", include("kith.care.urls")),
    path("permanence/", include("kith.permanence.urls")),
    path("leaving-care/", include("kith.leaving_care.urls")),
    path("children/", include("kith.children.urls")),
    path("timescales/", include("kith.timescales.urls")),
    path("returns/", include("kith.returns.urls")),
    path("audit/", include("kith.audit.urls")),
    path("drafts/", include("kith.drafts.urls")),
    path("jobs/", include("kith.jobs.urls")),
    path("admin/login/", admin_sign_in, name="admin_sign_in"),
    path("admin/", admin.site.urls),
]

handler404 = "kith.web.views.page_not_found"
handler403 = "kith.web.views.permission_denied"
handler500 = "kith.web.views.server_error"
