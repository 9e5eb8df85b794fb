"""Sending the DfE data feed: an HTTP POST of each batch (at most 100 children) to the DfE's
API, with retries when the DfE is busy or briefly unreachable. Switched off unless
KITH_CSC_FEED_URL is set. The API's sign-in is agreed with the DfE at onboarding; Kith sends
KITH_CSC_FEED_TOKEN as a bearer token and KITH_CSC_FEED_KEY as the API subscription key."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings

# Worth trying again: too many requests, and the server's own failures.
RETRY_STATUSES = {429, 500, 502, 503, 504}


class SendFailed(Exception):
    """The DfE did not take a batch: the words say why, for the returns page and the log."""


def enabled() -> bool:
    return bool(settings.KITH_CSC_FEED_URL)


def endpoint() -> str:
    return settings.KITH_CSC_FEED_URL.rstrip("/") + (
        f"/children_social_care_data/{int(settings.KITH_LA_CODE)}/children"
    )


def post(
    children: list[dict[str, Any]],
    *,
    attempts: int = 4,
    wait: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = 60,
) -> str:
    """Send one batch; returns the DfE's receipt. Waits `wait`, then twice as long, between
    tries (or as long as the DfE's Retry-After asks)."""
    body = json.dumps(children).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.KITH_CSC_FEED_TOKEN:
        headers["Authorization"] = f"Bearer {settings.KITH_CSC_FEED_TOKEN}"
    if settings.KITH_CSC_FEED_KEY:
        headers["Ocp-Apim-Subscription-Key"] = settings.KITH_CSC_FEED_KEY
    problem = ""
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(endpoint(), data=body, headers=headers, method="POST")  # noqa: S310 (the configured https address)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                text = response.read().decode().strip()
                try:  # the receipt is a JSON string; keep whatever came if it is not
                    return str(json.loads(text)) if text else ""
                except json.JSONDecodeError:
                    return text[:200]
        except urllib.error.HTTPError as error:
            if error.code not in RETRY_STATUSES:
                raise SendFailed(
                    f"The DfE refused the batch ({error.code} {error.reason}): "
                    + error.read().decode(errors="replace")[:500]
                ) from error
            problem = f"{error.code} {error.reason}"
            retry_after = error.headers.get("Retry-After", "")
            pause = float(retry_after) if retry_after.isdigit() else wait * 2 ** (attempt - 1)
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            problem = f"could not reach the DfE ({error})"
            pause = wait * 2 ** (attempt - 1)
        if attempt < attempts:
            sleep(pause)
    raise SendFailed(f"The DfE did not take the batch after {attempts} tries: {problem}")
