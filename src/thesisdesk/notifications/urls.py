from django.urls import path

from thesisdesk.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("mine/", views.my_history, name="my-history"),
    path("emails/<int:pk>/", views.stored_email_detail, name="email-detail"),
    path("<int:pk>/retry/", views.notification_retry, name="notification-retry"),
    path("<int:pk>/skip/", views.notification_skip, name="notification-skip"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/<str:event>/<str:language>/", views.template_edit, name="template-edit"),
    path("people/<int:pk>/", views.person_history, name="person-history"),
]
