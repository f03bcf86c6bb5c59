"""A typed client for Moodle's web services: knows Moodle's protocol, nothing of theses.

    from thesisdesk.moodle.client import MoodleClient
    client = MoodleClient.from_settings()
    client.core_webservice_get_site_info().release

See docs/moodle-client.md.
"""

from thesisdesk.moodle.client.client import (
    Download,
    LoginToken,
    MoodleClient,
    ParameterError,
    UploadedFile,
    UploadRefused,
    UploadResult,
    version_of_release,
)
from thesisdesk.moodle.client.errors import (
    AccessDenied,
    FileNotFound,
    FunctionNotInService,
    InvalidParameter,
    InvalidRecord,
    InvalidToken,
    LoginError,
    MissingPermission,
    MoodleClientError,
    MoodleConnectionError,
    MoodleError,
    MoodleHTTPError,
    MoodleNotConfigured,
    MoodleTimeout,
    NotJSONResponse,
    SiteMaintenance,
    UnexpectedAnswer,
    WebServicesDisabled,
)
from thesisdesk.moodle.client.retry import RetryPolicy

__all__ = [
    "AccessDenied",
    "Download",
    "FileNotFound",
    "FunctionNotInService",
    "InvalidParameter",
    "InvalidRecord",
    "InvalidToken",
    "LoginError",
    "LoginToken",
    "MissingPermission",
    "MoodleClient",
    "MoodleClientError",
    "MoodleConnectionError",
    "MoodleError",
    "MoodleHTTPError",
    "MoodleNotConfigured",
    "MoodleTimeout",
    "NotJSONResponse",
    "ParameterError",
    "RetryPolicy",
    "SiteMaintenance",
    "UnexpectedAnswer",
    "UploadRefused",
    "UploadResult",
    "UploadedFile",
    "WebServicesDisabled",
    "version_of_release",
]
