"""Is the configured Moodle site ready for ThesisDesk? Each finding says what to fix in Moodle.

Used by `thesisdesk moodle check`; callable from anywhere (`check_site(client)`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from thesisdesk.moodle import catalogue
from thesisdesk.moodle.client.client import MoodleClient, version_of_release
from thesisdesk.moodle.client.errors import (
    AccessDenied,
    InvalidRecord,
    InvalidToken,
    MoodleClientError,
    MoodleConnectionError,
    MoodleError,
    MoodleHTTPError,
    NotJSONResponse,
    SiteMaintenance,
    WebServicesDisabled,
)

SUPPORTED = ("4.5", "5.0", "5.1")
SERVICES_PAGE = "Site administration > Server > Web services > External services"


@dataclass
class Finding:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _unreachable(error: MoodleClientError, url: str) -> Finding:
    fixes: list[tuple[type[Exception], str]] = [
        (
            WebServicesDisabled,
            "Site administration > General > Advanced features: enable web services; then "
            "Site administration > Server > Web services > Manage protocols: enable REST.",
        ),
        (
            InvalidToken,
            "Create a token for the ThesisDesk account on the 'thesisdesk' service (Site "
            "administration > Server > Web services > Manage tokens) and set MOODLE_TOKEN.",
        ),
        (
            SiteMaintenance,
            "Wait for the end of maintenance, or turn maintenance mode off (Site "
            "administration > Server > Maintenance mode).",
        ),
        (
            AccessDenied,
            "The token was refused: it may have expired, be limited to other IP addresses, "
            "or its user lacks 'webservice/rest:use' (grant it to the ThesisDesk account's "
            "role). Check the token in Site administration > Server > Web services > Manage "
            "tokens.",
        ),
        (
            NotJSONResponse,
            f"{url} did not answer like Moodle's web services: check that MOODLE_URL is the "
            "site's root (wwwroot) and that no single sign-on proxy stands in front of "
            "/webservice/.",
        ),
        (
            MoodleConnectionError,
            f"Check MOODLE_URL ({url}), the network and the site's TLS certificate.",
        ),
        (
            MoodleHTTPError,
            f"Check MOODLE_URL ({url}): the web server answered an unexpected HTTP status.",
        ),
    ]
    fix = next((text for kind, text in fixes if isinstance(error, kind)), "")
    return Finding("reachable", False, str(error), fix)


def check_site(client: MoodleClient) -> list[Finding]:
    """Findings about the site behind `client`, in the order a person would fix them."""
    findings: list[Finding] = []
    try:
        info = client.core_webservice_get_site_info()
    except MoodleClientError as error:
        return [_unreachable(error, client.base_url)]
    findings.append(Finding("reachable", True, f"{info.sitename} at {info.siteurl}"))

    release = info.release or "?"
    version = version_of_release(release)
    findings.append(
        Finding(
            "release",
            version in SUPPORTED,
            f"Moodle {release}",
            ""
            if version in SUPPORTED
            else f"ThesisDesk is tested with Moodle {', '.join(SUPPORTED)}: upgrade the site.",
        )
    )

    admin = bool(info.userissiteadmin)
    findings.append(
        Finding(
            "token user",
            not admin,
            f"{info.username} (id {info.userid}{', site administrator' if admin else ''})",
            "Use a dedicated account with the manager role instead of a site administrator: "
            "an administrator's token keeps working during maintenance and bypasses every "
            "permission check."
            if admin
            else "",
        )
    )

    available = {f.name: f.version for f in info.functions if f.name}
    needed = catalogue.service_definition(catalogue.SERVICE)["functions"]
    missing = [name for name in needed if name not in available]
    findings.append(
        Finding(
            "functions",
            not missing,
            f"{len(needed) - len(missing)} of {len(needed)} needed functions in the service"
            + (f"; missing: {', '.join(missing)}" if missing else ""),
            f"Add the missing functions to the 'thesisdesk' service ({SERVICES_PAGE} > "
            "ThesisDesk > Functions), or upgrade the local_thesisdesk plugin, which defines "
            "the service."
            if missing
            else "",
        )
    )

    findings.append(_plugin_finding(client, available))

    for flag, what in (("uploadfiles", "uploads"), ("downloadfiles", "downloads")):
        allowed = bool(getattr(info, flag))
        findings.append(
            Finding(
                what,
                allowed,
                f"file {what} {'allowed' if allowed else 'not allowed'} for this service",
                ""
                if allowed
                else f"Edit the 'thesisdesk' service ({SERVICES_PAGE}): tick "
                f"'Can {'upload' if flag == 'uploadfiles' else 'download'} files'.",
            )
        )
    return findings


def _plugin_finding(client: MoodleClient, available: dict[str, str | None]) -> Finding:
    plugin_versions = {
        version for name, version in available.items() if name.startswith("local_thesisdesk_")
    }
    if plugin_versions:
        return Finding(
            "plugin",
            True,
            f"local_thesisdesk {', '.join(sorted(v or '?' for v in plugin_versions))}",
        )
    install = (
        "Install the local_thesisdesk plugin (`make plugin` builds dist/local_thesisdesk.zip; "
        "Site administration > Plugins > Install plugins)."
    )
    try:
        client.local_thesisdesk_get_state(courseid=1)
    except InvalidRecord:
        return Finding("plugin", False, "local_thesisdesk is not installed", install)
    except AccessDenied:
        return Finding(
            "plugin",
            False,
            "local_thesisdesk is installed but its functions are not in the token's service",
            f"Use a token on the 'thesisdesk' service the plugin defines ({SERVICES_PAGE}).",
        )
    except MoodleError as error:
        return Finding("plugin", False, f"local_thesisdesk answered {error.errorcode}", install)
    except MoodleClientError as error:
        return Finding("plugin", False, str(error), install)
    return Finding("plugin", True, "local_thesisdesk answers (version not listed)")
