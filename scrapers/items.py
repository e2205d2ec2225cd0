"""The two things a spider yields: a raw posting (CONTRACT §2) or a quarantine record."""

import scrapy

# Landing field order: the CONTRACT §2 envelope first, then provenance extras.
RAW_FIELDS = [
    "source",
    "source_posting_id",
    "url",
    "fetched_at",
    "crawl_id",
    "payload",
    "http_status",
    "content_type",
    "encoding",
    "spider",
    "page_body_html",
    "envelope",
]

QUARANTINE_FIELDS = [
    "url",
    "http_status",
    "reason",
    "detail",
    "body_excerpt",
    "fetched_at",
    "crawl_id",
    "source",
]


class RawPosting(scrapy.Item):
    """One posting exactly as the source served it, plus where and when it was fetched.

    Spiders set ``source_posting_id``, ``payload`` and usually ``url``; the provenance
    middleware stamps the rest.
    """

    source = scrapy.Field()
    source_posting_id = scrapy.Field()
    url = scrapy.Field()
    fetched_at = scrapy.Field()
    crawl_id = scrapy.Field()
    payload = scrapy.Field()
    http_status = scrapy.Field()
    content_type = scrapy.Field()
    encoding = scrapy.Field()
    spider = scrapy.Field()
    # jsonld only: the page's main body when the JobPosting's description is empty.
    page_body_html = scrapy.Field()
    # The list response's keys families.yaml names beside the posting (Workable: the
    # account's display name); the payload itself stays exactly as served.
    envelope = scrapy.Field()


class QuarantineRecord(scrapy.Item):
    """A response that could not become a posting, kept with the reason why."""

    url = scrapy.Field()
    http_status = scrapy.Field()
    reason = scrapy.Field()
    detail = scrapy.Field()
    body_excerpt = scrapy.Field()
    fetched_at = scrapy.Field()
    crawl_id = scrapy.Field()
    source = scrapy.Field()


# The fixed vocabulary of quarantine reasons (also the stats counter suffixes).
QUARANTINE_REASONS = frozenset(
    {
        "malformed_json",  # body is not parseable JSON (e.g. truncated)
        "malformed_xml",  # an XML family's body is not well-formed XML
        "error_body",  # HTTP 200 whose body is an error envelope / null payload
        "unexpected_shape",  # valid JSON, but not the structure this source serves
        "no_jobposting",  # HTML page without a schema.org JobPosting
        "undecodable",  # body does not decode in its declared or detected charset
        "timeout",  # DOWNLOAD_TIMEOUT hit on every attempt
        "download_error",  # connection refused / reset, DNS failure ...
        "invalid_record",  # a posting without an id or payload (caught by validation)
    }
)
# Plus "http_<status>" for every non-2xx final response, e.g. "http_404", "http_429".
