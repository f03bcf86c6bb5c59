from django.urls import path

from thesisdesk.documents import views

app_name = "documents"

urlpatterns = [
    path("campaigns/<int:campaign_id>/", views.guideline_list, name="guideline-list"),
    path("campaigns/<int:campaign_id>/publish/", views.guideline_publish, name="guideline-publish"),
    path("<int:pk>/download/", views.guideline_download, name="guideline-download"),
    path("<int:pk>/replace/", views.guideline_replace, name="guideline-replace"),
    path("<int:pk>/remove/", views.guideline_remove, name="guideline-remove"),
]
