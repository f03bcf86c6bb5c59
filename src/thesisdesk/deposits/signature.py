"""The deposit webhook's signature: HMAC-SHA256 of "<timestamp>.<raw body>" with the
shared secret (catalogue `_meta.webhook`), sent as `X-ThesisDesk-Signature: sha256=<hex>`."""

from __future__ import annotations

import hashlib
import hmac

# How far the signing time may be from ours, either way (clock skew, queued retries).
TIMESTAMP_TOLERANCE = 300


class SignatureError(Exception):
    """Why a webhook call is refused (the message is safe to answer)."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(
        secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256
    ).hexdigest()
    return f"sha256={digest}"


def verify(
    *,
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: float,
    tolerance: int = TIMESTAMP_TOLERANCE,
) -> None:
    """Raise SignatureError unless the call was signed with `secret` within `tolerance`."""
    if not secret:
        raise SignatureError("The webhook secret is not configured.")
    if not timestamp or not signature:
        raise SignatureError("Missing timestamp or signature header.")
    if not timestamp.isdigit():
        raise SignatureError("Bad timestamp.")
    if abs(now - int(timestamp)) > tolerance:
        raise SignatureError("Timestamp outside the accepted window.")
    expected = sign(secret, timestamp, body)
    if not hmac.compare_digest(
        expected.encode("ascii"), signature.strip().encode("ascii", "replace")
    ):
        raise SignatureError("Bad signature.")
