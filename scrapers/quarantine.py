"""How a spider says "this response is bad": raise ``BadResponse`` from a callback.

The provenance middleware turns the exception into a ``QuarantineRecord`` stamped with the
response's URL, status and an excerpt of its body; any other exception stays a spider
error (and fails a test crawl through ``CLOSESPIDER_ERRORCOUNT``).
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.http import Response, TextResponse

from scrapers.items import QUARANTINE_REASONS

EXCERPT_CHARS = 500


class BadResponse(Exception):
    """A response that cannot become a posting; ``reason`` names the stats counter."""

    def __init__(self, reason: str, detail: str = ""):
        if reason not in QUARANTINE_REASONS and not reason.startswith("http_"):
            raise ValueError(f"unknown quarantine reason {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def body_excerpt(response: Response | None) -> str | None:
    if response is None:
        return None
    encoding = response.encoding if isinstance(response, TextResponse) else "utf-8"
    return response.body[: EXCERPT_CHARS * 4].decode(encoding, "replace")[:EXCERPT_CHARS]


def decoded_text(response: Response) -> str:
    """The body decoded strictly in its declared or detected charset."""
    encoding = response.encoding if isinstance(response, TextResponse) else "utf-8"
    try:
        return response.body.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise BadResponse("undecodable", f"{encoding}: {exc}") from None


def json_body(response: Response) -> Any:
    """Parse a JSON body, raising ``BadResponse`` for truncated or non-JSON bodies."""
    text = decoded_text(response)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadResponse("malformed_json", str(exc)) from None


def pluck(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``; a missing step is an ``unexpected_shape``."""
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            where = "/".join(str(p) for p in path)
            raise BadResponse("unexpected_shape", f"no {where} in the body") from None
    return node


def expect_list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadResponse("unexpected_shape", f"{what} is {type(value).__name__}, not a list")
    return value
