from django.urls import path

from thesisdesk.theses import views

app_name = "theses"

urlpatterns = [
    path("", views.thesis_list_view, name="thesis-list"),
    path("new/", views.thesis_create, name="thesis-create"),
    path("<int:pk>/", views.thesis_detail, name="thesis-detail"),
    path("<int:pk>/edit/", views.thesis_edit, name="thesis-edit"),
    path("<int:pk>/start/", views.thesis_start, name="thesis-start"),
    path("<int:pk>/deposit/", views.thesis_deposit, name="thesis-deposit"),
    path("<int:pk>/defend/", views.thesis_defend, name="thesis-defend"),
    path("<int:pk>/grade/", views.thesis_grade, name="thesis-grade"),
    path("<int:pk>/abandon/", views.thesis_abandon, name="thesis-abandon"),
]
