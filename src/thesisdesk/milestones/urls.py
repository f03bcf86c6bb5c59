from django.urls import path

from thesisdesk.milestones import views

app_name = "milestones"

urlpatterns = [
    path("", views.milestone_list_view, name="milestone-list"),
    path("new/", views.milestone_create, name="milestone-create"),
    path("<int:pk>/", views.milestone_detail, name="milestone-detail"),
    path("<int:pk>/edit/", views.milestone_update, name="milestone-update"),
    path("<int:pk>/delete/", views.milestone_delete, name="milestone-delete"),
    path("<int:pk>/extend/", views.milestone_extend, name="milestone-extend"),
]
