"""``JobPostingJsonLdMixin``: schema.org ``JobPosting`` objects from a page's JSON-LD.

Handles several ``<script type="application/ld+json">`` blocks per page, ``@graph``,
``@type`` given as a list, blocks wrapped in HTML comments / CDATA, and raw control
characters inside strings. The JobPosting object is returned exactly as written: non-ISO
dates and empty fields are the normalizer's business, not the crawler's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

JOBPOSTING_TYPES = frozenset(
    {"JobPosting", "http://schema.org/JobPosting", "https://schema.org/JobPosting"}
)
_WRAPPER = re.compile(r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/)|(?:-->|/\*\s*\]\]>\s*\*/)\s*$")


def is_job_posting(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(k in JOBPOSTING_TYPES for k in kinds if isinstance(k, str))


def find_job_postings(node: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting in a JSON-LD value: top level, lists, ``@graph``, ``mainEntity``."""
    if isinstance(node, list):
        for child in node:
            yield from find_job_postings(child)
    elif isinstance(node, dict):
        if is_job_posting(node):
            yield node
            return
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in node:
                yield from find_job_postings(node[key])


def parse_jsonld_block(text: str) -> Any:
    """Parse one script body; raises ``json.JSONDecodeError`` when it is not JSON."""
    return json.loads(_WRAPPER.sub("", text), strict=False)


def description_is_empty(posting: dict[str, Any]) -> bool:
    return not str(posting.get("description") or "").strip()


class JobPostingJsonLdMixin:
    #: where a posting's body lives when its JSON-LD description is empty; first match wins
    body_selectors: tuple[str, ...] = (
        "[itemprop=description]",
        ".job-description",
        ".job-detail",
        "main",
        "article",
        "[role=main]",
        "body",
    )

    def job_postings_in(self, response: Response) -> list[dict[str, Any]]:
        postings: list[dict[str, Any]] = []
        for block in response.xpath('//script[@type="application/ld+json"]/text()').getall():
            try:
                data = parse_jsonld_block(block)
            except json.JSONDecodeError:
                # One broken block must not hide a valid JobPosting in another one.
                self.crawler.stats.inc_value("careermarket/jsonld_invalid_blocks")
                continue
            postings.extend(find_job_postings(data))
        return postings

    def main_body_html(self, response: Response) -> str | None:
        """The page's main body as HTML, without scripts and styles.

        Call it after ``job_postings_in``: it drops script elements from the parsed page.
        """
        for selector in self.body_selectors:
            found = response.css(selector)
            if found:
                found[0].xpath(".//script|.//style|.//noscript").drop()
                return found[0].get().strip()
        return None

    def jobposting_id(self, posting: dict[str, Any], page_url: str, index: int) -> str:
        """The posting's own identifier, else its URL, else the page URL (+ index)."""
        ident = posting.get("identifier")
        if isinstance(ident, dict):
            ident = ident.get("value")
        if isinstance(ident, str | int) and str(ident).strip():
            return str(ident).strip()
        if isinstance(posting.get("url"), str) and posting["url"].strip():
            return posting["url"].strip()
        return page_url if index == 0 else f"{page_url}#{index}"
