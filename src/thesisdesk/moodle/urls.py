from django.urls import path

from thesisdesk.moodle import views

app_name = "moodle"

urlpatterns = [
    path("campaigns/<int:pk>/", views.campaign_moodle, name="campaign-detail"),
    path("campaigns/<int:pk>/link/", views.campaign_link, name="campaign-link"),
    path("campaigns/<int:pk>/apply/", views.campaign_apply, name="campaign-apply"),
    path("campaigns/<int:pk>/drift/check/", views.drift_check_view, name="drift-check"),
    path("campaigns/<int:pk>/drift/repair/", views.drift_repair_view, name="drift-repair"),
    path("campaigns/<int:pk>/drift/accept/", views.drift_accept_view, name="drift-accept"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
]
