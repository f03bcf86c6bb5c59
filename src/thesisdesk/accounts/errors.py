"""Why a sign-in was refused, with a message the person can act on, in their language.

Each refusal has a stable `code` (kept in the audit trail and used by tests) and a
message built from gettext at the moment it is shown, so it follows the language of the
request (LocaleMiddleware: the language switch, else the browser's languages).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from thesisdesk.core.errors import DomainError


class SignInRefused(DomainError):
    """Moodle (or ThesisDesk) refused to sign this person in."""

    code = "signin_refused"
    status = 403

    def __init__(self, code: str, *, detail: str = "") -> None:
        self.detail = detail
        super().__init__(refusal_message(code), code=code)

    @property
    def is_moodle_unavailable(self) -> bool:
        """True when Moodle could not answer (local accounts may still sign in)."""
        return self.code in UNAVAILABLE_CODES


#: Refusals that say nothing about the credentials: Moodle could not be asked.
UNAVAILABLE_CODES = frozenset(
    {
        "moodle_unreachable",
        "moodle_maintenance",
        "webservices_disabled",
        "service_unavailable",
        "rest_not_allowed",
        "not_configured",
    }
)


def refusal_message(code: str) -> str:
    """The message shown for a refusal `code`, translated into the active language."""
    service = settings.MOODLE_LOGIN_SERVICE
    messages = {
        "invalid_credentials": _(
            "Your Moodle username or password is wrong. Use the same username and password "
            "as on Moodle; if you forgot your password, reset it on Moodle."
        ),
        "suspended": _(
            "Your Moodle account is suspended, so you cannot sign in. Contact the Moodle "
            "administrators of your university to have it reactivated."
        ),
        "password_expired": _(
            "Your Moodle password has expired. Sign in to Moodle once to choose a new "
            "password, then sign in here with it."
        ),
        "not_confirmed": _(
            "Your Moodle account is not confirmed yet. Follow the link in the confirmation "
            "e-mail Moodle sent you, then sign in again."
        ),
        "guest": _("The Moodle guest account cannot sign in to ThesisDesk."),
        "moodle_unreachable": _(
            "Moodle cannot be reached right now, so ThesisDesk cannot check your password. "
            "Try again in a few minutes."
        ),
        "moodle_maintenance": _(
            "Moodle is in maintenance mode, so ThesisDesk cannot check your password. Try "
            "again when the maintenance is over."
        ),
        "webservices_disabled": _(
            "Sign-in with Moodle is not possible: web services are disabled on Moodle. A "
            "Moodle administrator must turn on “Enable web services” (Site administration "
            "> General > Advanced features) and the REST protocol (Site administration > "
            "Server > Web services > Manage protocols)."
        ),
        "service_unavailable": _(
            "Sign-in with Moodle is not possible: the Moodle web service “%(service)s” does "
            "not exist or is disabled. A Moodle administrator must install the ThesisDesk "
            "plugin (local_thesisdesk) and enable the “%(service)s” service (Site "
            "administration > Server > Web services > External services)."
        )
        % {"service": service},
        "user_not_allowed": _(
            "Your Moodle account is not allowed to use the sign-in service “%(service)s”. A "
            "Moodle administrator must set this service to “Authorised users only: no”, or "
            "add you to its authorised users (Site administration > Server > Web services "
            "> External services)."
        )
        % {"service": service},
        "cannot_create_token": _(
            "Your Moodle account may not sign in to ThesisDesk yet. A Moodle administrator "
            "must allow the capability “moodle/webservice:createtoken” for the "
            "“Authenticated user” role (Site administration > Users > Permissions > Define "
            "roles)."
        ),
        "rest_not_allowed": _(
            "Moodle gave ThesisDesk a sign-in token but refused to answer with it. A Moodle "
            "administrator must allow “webservice/rest:use” for the “Authenticated user” "
            "role and check that the “%(service)s” service contains "
            "core_webservice_get_site_info."
        )
        % {"service": service},
        "not_configured": _(
            "Sign-in with Moodle is not configured on this ThesisDesk (no Moodle address). "
            "Ask the ThesisDesk administrators."
        ),
        "no_email": _(
            "Your Moodle account has no e-mail address ThesisDesk can read, so ThesisDesk "
            "cannot tell who you are. Ask the ThesisDesk administrators."
        ),
        "identity_conflict": _(
            "Your e-mail address already belongs to another person in ThesisDesk, linked to "
            "another Moodle account. Ask the ThesisDesk administrators to merge the two."
        ),
        "account_disabled": _(
            "Your ThesisDesk account is disabled. Ask the ThesisDesk administrators."
        ),
        "lti_invalid": _(
            "The launch from Moodle could not be verified (it may be tampered with, expired "
            "or already used). Go back to Moodle and open ThesisDesk again."
        ),
        "lti_unknown_platform": _(
            "This Moodle site or course is not registered with ThesisDesk. A ThesisDesk "
            "administrator must register it (see the LTI documentation)."
        ),
        "lti_inactive_deployment": _(
            "This Moodle deployment of ThesisDesk is not activated yet. A ThesisDesk "
            "administrator must activate it."
        ),
        "lti_no_user": _("The launch from Moodle did not say who you are."),
        "locked_out": _(
            "Too many failed sign-in attempts. Wait a while before trying again, or ask the "
            "ThesisDesk administrators to unlock your account."
        ),
    }
    return messages.get(code) or _("Sign-in failed. Try again later.")


#: Moodle errorcodes of login/token.php (and of the first calls made with the new token)
#: → refusal codes.
MOODLE_ERRORCODES = {
    "invalidlogin": "invalid_credentials",
    "passwordisexpired": "password_expired",
    "usernotconfirmed": "not_confirmed",
    "noguest": "guest",
    "sitemaintenance": "moodle_maintenance",
    "enablewsdescription": "webservices_disabled",
    "servicenotavailable": "service_unavailable",
    "usernotallowed": "user_not_allowed",
    "cannotcreatetoken": "cannot_create_token",
    "wsaccessusersuspended": "suspended",
    "accessexception": "rest_not_allowed",
    "invalidtoken": "rest_not_allowed",
}
