"""Remote OK: ``GET /api``, a top-level array whose first element is a legal notice, not a job.

Payload: one job object. Remote OK's terms ask for attribution with a followed link back;
the canonical ``url`` we keep is that link. The legal notice is skipped (and counted as
``careermarket/skipped/legal_notice``) by the rule in ``families.yaml``.
"""

from scrapers.base.job_board_api import JobBoardApiSpider


class RemoteokSpider(JobBoardApiSpider):
    name = "remoteok"
