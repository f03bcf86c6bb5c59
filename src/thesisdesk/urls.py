from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("campaigns/", include("thesisdesk.campaigns.urls")),
    path("people/", include("thesisdesk.people.urls")),
    path("subjects/", include("thesisdesk.subjects.urls")),
    path("theses/", include("thesisdesk.theses.urls")),
    path("milestones/", include("thesisdesk.milestones.urls")),
    path("", include("thesisdesk.core.urls")),
]
