"""Did a crawl fail as a whole? Read from Scrapy's own stats. Standard library only.

A crawl *failed* when it landed nothing and no request of the spider got a 2xx answer:
every request ended in a download error (DNS, refused, timeout ...), a non-2xx status after
the retries, or was forbidden by robots.txt. A crawl that got answers but found no posting
is not a failure: it lands an empty file ("crawled, nothing new").

    failure_cause(stats, hosts)
    -> "every request to api.example.com failed: DNS lookup failed (3 requests)"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

EXCEPTION_PREFIX = "downloader/exception_type_count/"
STATUS_PREFIX = "downloader/response_status_count/"
ROBOTS_STATUS_PREFIX = "robotstxt/response_status_count/"
RETRY_PREFIX = "retry/reason_count/"  # + "503 Service Unavailable"
# Exception class name (last dotted part) -> what it means, in words.
EXCEPTION_WORDS = {
    "CannotResolveHostError": "DNS lookup failed",
    "DNSLookupError": "DNS lookup failed",
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "DownloadTimeoutError": "timed out",
    "TimeoutError": "timed out",
    "TCPTimedOutError": "timed out",
    "DownloadFailedError": "connection failed",
    "ConnectError": "connection failed",
    "ConnectionLost": "connection lost",
    "ConnectionDone": "connection closed",
    "ResponseDataLossError": "response cut short",
    "IgnoreRequest": "ignored",
}
MAX_HOSTS_NAMED = 3


def _count(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def _spider_statuses(stats: Mapping[str, Any]) -> dict[int, int]:
    """Responses per HTTP status, robots.txt's own responses left out."""
    out: dict[int, int] = {}
    for key in stats:
        if key.startswith(STATUS_PREFIX) and key[len(STATUS_PREFIX) :].isdigit():
            status = int(key[len(STATUS_PREFIX) :])
            n = _count(stats, key) - _count(stats, f"{ROBOTS_STATUS_PREFIX}{status}")
            if n > 0:
                out[status] = n
    return out


def causes(stats: Mapping[str, Any]) -> dict[str, int]:
    """What ended the requests of a crawl (robots.txt's fetch included), most frequent first."""
    found: dict[str, int] = {}
    forbidden = _count(stats, "robotstxt/forbidden")
    for key in stats:
        if key.startswith(EXCEPTION_PREFIX):
            name = key[len(EXCEPTION_PREFIX) :].rsplit(".", 1)[-1]
            n = _count(stats, key)
            if name == "IgnoreRequest":
                n -= forbidden  # robots.txt refusals are IgnoreRequest too: named below
            if n > 0:
                words = EXCEPTION_WORDS.get(name, name)
                found[words] = found.get(words, 0) + n
    for status, n in _spider_statuses(stats).items():
        if not 200 <= status < 300:
            retried = (
                " after retries"
                if any(k.startswith(f"{RETRY_PREFIX}{status} ") for k in stats)
                else ""
            )
            found[f"HTTP {status}{retried}"] = n
    if forbidden:
        found["forbidden by robots.txt"] = forbidden
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def failure_cause(stats: Mapping[str, Any], hosts: Iterable[str]) -> str | None:
    """One line naming why every request failed, or None when the crawl did not fail."""
    if _count(stats, "careermarket/postings"):
        return None
    statuses = _spider_statuses(stats)
    if any(200 <= status < 300 for status in statuses):
        return None
    spider_requests = (
        _count(stats, "downloader/request_count")
        - _count(stats, "robotstxt/request_count")
        + _count(stats, "robotstxt/forbidden")
    )
    if spider_requests <= 0:
        return None  # nothing was asked (no board, no URL): not a failed crawl
    named = sorted(set(hosts))
    where = ", ".join(named[:MAX_HOSTS_NAMED])
    if len(named) > MAX_HOSTS_NAMED:
        where += f" and {len(named) - MAX_HOSTS_NAMED} more"
    why = "; ".join(
        f"{words} ({n} request{'s' if n != 1 else ''})" for words, n in causes(stats).items()
    )
    return f"every request to {where or 'the source'} failed: {why or 'no response'}"
