"""Scrapy settings for careermarket's spiders: static and polite by default.

Nothing here reads the environment or the working directory. Tests, the CLI and the
Dagster resource override values with ``-s NAME=VALUE`` (see ``scrapers/runner.py``).
"""

from pathlib import Path

BOT_NAME = "careermarket"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"
TEMPLATES_DIR = str(Path(__file__).resolve().parent / "templates")

# --- Where crawls land (raw/, quarantine/, state/, crawls/ below this root) ---------------
CAREERMARKET_DATA_DIR = str(Path(__file__).resolve().parent.parent / "data")
# Skip detail pages already landed whose list entry has not changed (see README).
CAREERMARKET_INCREMENTAL = True
# ...but refetch a landed detail anyway once it is this old, to catch silent edits.
CAREERMARKET_REFETCH_AFTER_DAYS = 7
# Hard stop for paginated lists, so a pagination bug cannot crawl forever.
CAREERMARKET_MAX_PAGES = 50

# --- Politeness -------------------------------------------------------------------------
USER_AGENT = (
    "careermarket/0.1 (+https://github.com/careermarket/careermarket; "
    "open job-market dataset; collects public job postings)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# A host that does not resolve fails fast: names under .invalid (RFC 6761) without asking a
# server, the others after at most DNS_TIMEOUT seconds, never retried (see below).
TWISTED_DNS_RESOLVER = "scrapers.dns.ReservedNameResolver"
DNS_TIMEOUT = 15
COOKIES_ENABLED = False
# No listening sockets in a crawler process.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Retries: the stock middleware is replaced by one that waits (Retry-After, else backoff).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Giving up is not a crawl error: the response is quarantined with its status.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
CAREERMARKET_RETRY_BACKOFF_BASE = 2.0  # seconds; doubled on every further retry
CAREERMARKET_RETRY_BACKOFF_MAX = 60.0
CAREERMARKET_RETRY_AFTER_MAX = 300.0  # a longer Retry-After gives up instead of waiting
# At most this many retries for these download errors (RETRY_TIMES for the others): a name
# that does not resolve will not resolve a few seconds later; a refused connection may be a
# restarting server, worth one more try.
CAREERMARKET_RETRY_TIMES_BY_EXCEPTION = {
    "scrapy.exceptions.CannotResolveHostError": 0,
    "scrapy.exceptions.DownloadConnectionRefusedError": 1,
}

# Non-2xx responses reach the spider's errback, which quarantines them.
HTTPERROR_ALLOW_ALL = False

# Deduplicate by the URL the spider meant, also under -a base_url (see the class).
REQUEST_FINGERPRINTER_CLASS = "scrapers.middlewares.OriginRequestFingerprinter"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.middlewares.PoliteRetryMiddleware": 550,
}
SPIDER_MIDDLEWARES = {
    # Rewrites every request onto -a base_url before robots.txt and the scheduler see it.
    "scrapers.middlewares.BaseUrlMiddleware": 30,
    # Stamps provenance on every item coming out of a callback.
    "scrapers.middlewares.ProvenanceMiddleware": 40,
}
ITEM_PIPELINES = {
    "scrapers.item_pipelines.ValidatePipeline": 100,
    "scrapers.item_pipelines.QuarantinePipeline": 200,
    "scrapers.item_pipelines.DuplicatesPipeline": 300,
}
EXTENSIONS = {
    "scrapers.extensions.CrawlReportExtension": 500,
    # Only in a shared-frontier worker (scrapers/frontier.py); NotConfigured otherwise.
    "scrapers.frontier.FrontierIdleClose": 510,
}
# A shared-frontier worker with nothing left waits this long for its peers' follow-up
# requests before it closes (checked on Scrapy's 5 s engine heartbeat).
CAREERMARKET_FRONTIER_IDLE_CLOSE = 2.0

# --- Landing -------------------------------------------------------------------------------
# The base spider adds the landing feed (data/raw/<source>/<date>/<crawl_id>.jsonl) to
# FEEDS itself, because its path depends on CAREERMARKET_DATA_DIR after -s overrides.
FEED_EXPORT_ENCODING = "utf-8"
FEED_STORAGES = {
    "": "scrapers.feedstorage.AtomicFileFeedStorage",
    "file": "scrapers.feedstorage.AtomicFileFeedStorage",
}

LOG_LEVEL = "INFO"
