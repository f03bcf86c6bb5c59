from django.urls import path

from thesisdesk.deposits import views

app_name = "deposits"

urlpatterns = [
    path("", views.deposit_index, name="deposit-list"),
    path("milestones/<int:milestone_id>/", views.milestone_deposits, name="milestone-deposits"),
    path("theses/<int:thesis_id>/", views.thesis_deposits, name="thesis-deposits"),
    path("files/<int:file_id>/download/", views.file_download, name="file-download"),
    path(
        "campaigns/<int:campaign_id>/final-deposits.zip",
        views.campaign_final_zip,
        name="campaign-final-zip",
    ),
]
