"""A DNS resolver that knows the names that never resolve.

RFC 6761 §6.4: name resolution APIs "SHOULD recognize 'invalid' names as special and SHOULD
always return immediately with a negative response". The system resolver asks a server
anyway (a second or more, and network traffic); this one fails at once and logs it. Every
other name goes to Scrapy's caching threaded resolver, with ``DNS_TIMEOUT``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

NEVER_RESOLVES = ("invalid",)  # special-use top-level domains without any address


def never_resolves(name: str) -> bool:
    return name.rstrip(".").lower().rpartition(".")[2] in NEVER_RESOLVES


class ReservedNameResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if never_resolves(name):
            logger.info("%s never resolves (RFC 6761): no DNS query", name)
            return defer.fail(DNSLookupError(f"{name}: reserved name, never resolves (RFC 6761)"))
        return super().getHostByName(name, timeout)
