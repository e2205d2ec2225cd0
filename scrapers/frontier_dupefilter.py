"""scrapy-redis's shared dupefilter, keyed by the URL the spider meant (needs the scale extra).

Like ``scrapers.middlewares.OriginRequestFingerprinter`` for Scrapy's own dupefilter: under
``base_url`` boards that differ only in their host (``a.recruitee.com``, ``b.recruitee.com``)
share one replay URL, and must stay two requests. Imported only by a shared-frontier worker
(``DUPEFILTER_CLASS``, see ``scrapers/frontier.py``).
"""

from __future__ import annotations

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter


class OriginRFPDupeFilter(RFPDupeFilter):
    def request_fingerprint(self, request: Request) -> str:
        origin = request.meta.get("origin_url")
        return super().request_fingerprint(request.replace(url=origin) if origin else request)
