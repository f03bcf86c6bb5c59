from django.urls import path

from thesisdesk.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list_view, name="person-list"),
    path("new/", views.person_create_view, name="person-create"),
    path("import/", views.person_import, name="person-import"),
    path(
        "import/template.<str:file_format>",
        views.person_import_template,
        name="person-import-template",
    ),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("<int:pk>/edit/", views.person_update_view, name="person-update"),
    path("<int:pk>/roles/", views.membership_add_view, name="membership-add"),
    path("roles/<int:pk>/remove/", views.membership_remove_view, name="membership-remove"),
]
