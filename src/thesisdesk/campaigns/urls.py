from django.urls import path

from thesisdesk.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list_view, name="campaign-list"),
    path("new/", views.campaign_create_view, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/edit/", views.campaign_update_view, name="campaign-update"),
]
