"""Careers pages carrying schema.org ``JobPosting`` JSON-LD, from ``urls`` and ``sitemaps``.

Payload: the JobPosting object as written in the page. When its description is empty the
page's main body goes into the extra envelope key ``page_body_html``.
"""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from scrapy.http import Response, TextResponse

from scrapers.base.job_pages import JobPagesSpider
from scrapers.base.jsonld import JobPostingJsonLdMixin, description_is_empty
from scrapers.middlewares import origin_url
from scrapers.quarantine import BadResponse, decoded_text


class JsonldSpider(JobPostingJsonLdMixin, JobPagesSpider):
    name = "jsonld"

    def parse_page(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            raise BadResponse("unexpected_shape", "not a text page")
        decoded_text(response)  # quarantines pages that do not decode in their charset
        postings = self.job_postings_in(response)
        if not postings:
            raise BadResponse("no_jobposting", "no schema.org JobPosting in the page's JSON-LD")
        canonical = response.css("link[rel=canonical]::attr(href)").get()
        page_url = urljoin(origin_url(response), canonical) if canonical else origin_url(response)
        self.mark_landed(response)
        for index, posting in enumerate(postings):
            url = posting.get("url") if isinstance(posting.get("url"), str) else None
            item = self.posting(
                posting, self.jobposting_id(posting, page_url, index), url or page_url
            )
            if description_is_empty(posting):
                item["page_body_html"] = self.main_body_html(response)
            yield item
