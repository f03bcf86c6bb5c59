"""`/hooks/moodle/`: the plugin's signed deposit webhook (catalogue `_meta.webhook`).

Checks the signature and the timestamp window, refuses a replayed eventid, answers an
unknown course or key 2xx without side effects, and leaves the reading of the submission
to a background job so that the request returns at once.
"""

from __future__ import annotations

import json
import logging
import time

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from thesisdesk.deposits import services
from thesisdesk.deposits.signature import SignatureError, verify

logger = logging.getLogger("thesisdesk.deposits.webhook")

# A webhook body is a dozen short fields; anything bigger is not ours.
MAX_BODY_BYTES = 16 * 1024


def _answer(status: int, result: str, message: str = "") -> JsonResponse:
    body = {"result": result}
    if message:
        body["message"] = message
    return JsonResponse(body, status=status)


@csrf_exempt
@require_POST
def moodle_webhook(request: HttpRequest) -> JsonResponse:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return _answer(413, "refused", "Body too large.")
    raw = request.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        return _answer(413, "refused", "Body too large.")
    try:
        verify(
            secret=settings.MOODLE_WEBHOOK_SECRET or "",
            timestamp=request.headers.get("X-ThesisDesk-Timestamp"),
            signature=request.headers.get("X-ThesisDesk-Signature"),
            body=raw,
            now=time.time(),
        )
    except SignatureError as error:
        logger.warning("Moodle webhook refused: %s", error)
        return _answer(403, "refused", str(error))
    try:
        body = json.loads(raw)
        delivery = services.webhook_delivery_accept(body=body)
    except (ValueError, services.WebhookInvalid) as error:
        return _answer(400, "invalid", str(error))
    except services.WebhookReplay:
        logger.warning("Moodle webhook replay refused: eventid %s", body.get("eventid"))
        return _answer(409, "replay", "This eventid was already received.")
    if delivery is None:
        return _answer(202, "ignored", "Unknown course or key: nothing to do.")
    return _answer(202, "accepted")
