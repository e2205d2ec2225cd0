"""``JobPagesSpider``: HTML careers pages reached from explicit URLs and/or sitemaps.

Sitemap ``<lastmod>`` is the incremental marker: a page landed with the same lastmod is not
fetched again (pages without lastmod always are). Each sitemap counts as a board.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap

from scrapers.base.source import SourceSpider
from scrapers.quarantine import BadResponse


def is_sitemap_url(url: str) -> bool:
    return urlsplit(url).path.endswith((".xml", ".xml.gz"))


class JobPagesSpider(SourceSpider):
    #: regular expressions a page URL from a sitemap must match (empty: every page)
    sitemap_follow: tuple[str, ...] = ()

    def parse_page(self, response: Response) -> Iterator[Any]:
        raise NotImplementedError

    async def start(self) -> AsyncIterator[Any]:
        sitemaps = self.sitemaps + [u for u in self.urls if is_sitemap_url(u)]
        for url in self.urls:
            if not is_sitemap_url(url):
                yield self.request(url, self.parse_page)
        for url in sitemaps:
            self.ledger.board_requested(url)
            yield self.request(url, self.parse_sitemap, board=url)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        body = response.body
        if gzip_magic_number(response):
            body = gunzip(body)
        try:
            sitemap = Sitemap(body)
        except (
            SyntaxError,
            StopIteration,
            ValueError,
        ) as exc:  # lxml's XMLSyntaxError is a SyntaxError
            raise BadResponse("unexpected_shape", f"not a sitemap: {exc}") from None
        board = response.meta["board"]
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield self.request(entry["loc"], self.parse_sitemap, board=board)
            return
        if sitemap.type != "urlset":
            raise BadResponse("unexpected_shape", f"sitemap root is <{sitemap.type}>")
        listed = 0
        for entry in sitemap:
            url = entry["loc"]
            if self.sitemap_follow and not any(re.search(p, url) for p in self.sitemap_follow):
                continue
            listed += 1
            lastmod = entry.get("lastmod")
            if lastmod and self.unchanged(url, lastmod):
                continue
            yield self.request(
                url,
                self.parse_page,
                board=board,
                ledger_key=url if lastmod else None,
                ledger_marker=lastmod or None,
            )
        self.ledger.board_listed(board, listed)
