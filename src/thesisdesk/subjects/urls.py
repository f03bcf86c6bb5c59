from django.urls import path

from thesisdesk.subjects import views

app_name = "subjects"

urlpatterns = [
    path("", views.subject_list_view, name="subject-list"),
    path("new/", views.subject_create, name="subject-create"),
    path("import/", views.subject_import, name="subject-import"),
    path(
        "import/template.<str:file_format>",
        views.subject_import_template,
        name="subject-import-template",
    ),
    path("<int:pk>/", views.subject_detail, name="subject-detail"),
    path("<int:pk>/edit/", views.subject_update_view, name="subject-update"),
    path("<int:pk>/accept/", views.subject_accept, name="subject-accept"),
    path("<int:pk>/approve/", views.subject_approve, name="subject-approve"),
    path("<int:pk>/reject/", views.subject_reject, name="subject-reject"),
    path("<int:pk>/publish/", views.subject_publish, name="subject-publish"),
    path("<int:pk>/withdraw/", views.subject_withdraw, name="subject-withdraw"),
    path("<int:pk>/resubmit/", views.subject_resubmit, name="subject-resubmit"),
]
