from django.contrib import admin
from django.urls import include, path

from thesisdesk.accounts.urls import auth_urlpatterns
from thesisdesk.core.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("thesisdesk.accounts.urls")),
    path("campaigns/", include("thesisdesk.campaigns.urls")),
    path("moodle/", include("thesisdesk.moodle.urls")),
    path("people/", include("thesisdesk.people.urls")),
    path("subjects/", include("thesisdesk.subjects.urls")),
    path("theses/", include("thesisdesk.theses.urls")),
    path("milestones/", include("thesisdesk.milestones.urls")),
    path("allocation/", include("thesisdesk.allocation.urls")),
    path("deposits/", include("thesisdesk.deposits.urls")),
    path("hooks/", include("thesisdesk.deposits.hooks_urls")),
    path("notifications/", include("thesisdesk.notifications.urls")),
    path("documents/", include("thesisdesk.documents.urls")),
    path("calendar/", include("thesisdesk.calendars.urls")),
    path("", include("thesisdesk.core.urls")),
]
