"""Remote OK: ``GET /api``, a top-level array whose first element is a legal notice, not a job.

Payload: one job object. Remote OK's terms ask for attribution with a followed link back;
the canonical ``url`` we keep is that link.
"""

from typing import Any

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.quarantine import expect_list


class RemoteokSpider(JobBoardApiSpider):
    name = "remoteok"

    def postings_in(self, data: Any) -> list[Any]:
        entries = expect_list(data, "the Remote OK body")
        jobs = [e for e in entries if not (isinstance(e, dict) and "legal" in e and "id" not in e)]
        self.crawler.stats.inc_value("careermarket/skipped/legal_notice", len(entries) - len(jobs))
        return jobs

    def posting_url(self, entry: dict[str, Any]) -> str | None:
        return entry.get("url")
