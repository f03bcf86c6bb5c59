from django.urls import path
from lti_tool.views import OIDCLoginInitView, jwks

from thesisdesk.accounts import lti, views

app_name = "accounts"

urlpatterns = [
    path("no-role/", views.no_role, name="no-role"),
    # Moodle sends its client id with the login initiation: one URL serves every platform.
    path("lti/login/", OIDCLoginInitView.as_view(), name="lti-login"),
    path(
        "lti/login/<uuid:registration_uuid>/",
        OIDCLoginInitView.as_view(),
        name="lti-login-registration",
    ),
    path("lti/launch/", lti.LtiLaunchView.as_view(), name="lti-launch"),
    path("lti/jwks/", jwks, name="lti-jwks"),
]

#: Included without a namespace: Django and the templates know these as "login"/"logout".
auth_urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
]
