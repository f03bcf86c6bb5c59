from django.urls import path

from thesisdesk.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.my_calendar, name="my-calendar"),
    path("renew/", views.rotate, name="feed-rotate"),
    path("feeds/<str:token>.ics", views.person_feed, name="person-feed"),
    path(
        "feeds/<str:token>/campaigns/<int:campaign_id>.ics",
        views.campaign_feed,
        name="campaign-feed",
    ),
]
