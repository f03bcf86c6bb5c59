from django.urls import path

from thesisdesk.allocation import views

app_name = "allocation"

urlpatterns = [
    path("campaign/<int:pk>/", views.campaign_allocation, name="campaign-detail"),
    path("campaign/<int:pk>/choices/", views.choices_page, name="choices"),
    path("campaign/<int:pk>/partner/", views.partner_action, name="partner"),
    path("campaign/<int:pk>/open/", views.choices_open_view, name="choices-open"),
    path("campaign/<int:pk>/close/", views.choices_close_view, name="choices-close"),
    path("campaign/<int:pk>/locks/", views.lock_add_view, name="lock-add"),
    path("locks/<int:pk>/remove/", views.lock_remove_view, name="lock-remove"),
    path("campaign/<int:pk>/forbidden/", views.forbidden_add_view, name="forbidden-add"),
    path("forbidden/<int:pk>/remove/", views.forbidden_remove_view, name="forbidden-remove"),
    path("campaign/<int:pk>/run/", views.run_create_view, name="run-create"),
    path("campaign/<int:pk>/compare/", views.run_compare_view, name="run-compare"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/instance.json", views.run_instance, name="run-instance"),
    path("runs/<int:pk>/move/", views.run_move_view, name="run-move"),
    path("runs/<int:pk>/publish/", views.run_publish_view, name="run-publish"),
]
