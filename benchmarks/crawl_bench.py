"""Replay-crawl throughput: pages/second of a 1,000-posting crawl, politeness off, printed
beside two baselines from the same run:

- the same pages fetched one by one with urllib (no Scrapy, no concurrency);
- the same spider with the project's polite defaults (AutoThrottle, 1 request at a time
  per domain, DOWNLOAD_DELAY) on a smaller crawl.

    .venv/bin/python benchmarks/crawl_bench.py [--postings 1000] [--polite-postings 10]

The postings are synthetic SmartRecruiters-shaped responses (a paginated list, then one
detail call per posting: the heaviest path a spider has) written to a temporary folder
and served by the replay server. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import urllib.request
from pathlib import Path

from scrapers.replay import ReplayServer
from scrapers.runner import CrawlResult, run_crawl

COMPANY = "BenchRobotics"
PAGE = 100
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "WARNING",
}
POLITE = {"LOG_LEVEL": "WARNING"}  # the project's defaults, as a live crawl runs


def write_responses(root: Path, postings: int) -> list[str]:
    """Write list pages and details; return every path a crawl fetches, in order."""
    base = root / "smartrecruiters" / "v1" / "companies" / COMPANY
    (base / "postings").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    paths = []
    for offset in range(0, postings, PAGE):
        content = []
        for n in range(offset, min(offset + PAGE, postings)):
            pid = str(900000000000000 + n)
            ref = f"https://api.smartrecruiters.com/v1/companies/{COMPANY}/postings/{pid}"
            content.append({"id": pid, "name": f"Data Engineer {n}", "ref": ref})
            detail = {
                "id": pid,
                "name": f"Data Engineer {n}",
                "releasedDate": "2026-11-01T00:00:00.000Z",
                "postingUrl": f"https://jobs.smartrecruiters.com/{COMPANY}/{pid}",
                "jobAd": {
                    "sections": {
                        "jobDescription": {
                            "title": "Job Description",
                            "text": "<p>Spark, SQL. </p>" * 40,
                        }
                    }
                },
            }
            (base / "postings" / f"{pid}.json").write_text(json.dumps(detail))
            paths.append(f"/v1/companies/{COMPANY}/postings/{pid}")
        page = {"offset": offset, "limit": PAGE, "totalFound": postings, "content": content}
        (base / f"postings@offset={offset}.json").write_text(json.dumps(page))
        paths.insert(len(paths) - len(content), f"/v1/companies/{COMPANY}/postings?offset={offset}")
    return paths


def scrapy_crawl(server: ReplayServer, data: Path, settings: dict[str, str]) -> CrawlResult:
    result = run_crawl(
        "smartrecruiters",
        data_dir=data,
        spider_args={"base_url": server.url, "boards": COMPANY},
        settings=settings,
        timeout=600,
    )
    if not result.ok:
        raise SystemExit(f"crawl failed: {result.finish_reason}; see {result.log_path}")
    return result


def pages_per_second(result: CrawlResult) -> tuple[int, float, float]:
    pages = result.stats["downloader/response_count"]
    return pages, result.stats["elapsed_time_seconds"], pages / result.stats["elapsed_time_seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1000)
    parser.add_argument("--polite-postings", type=int, default=10)
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="cm-bench-") as tmp:
        root, polite_root = Path(tmp, "big"), Path(tmp, "small")
        paths = write_responses(root, args.postings)
        write_responses(polite_root, args.polite_postings)

        with ReplayServer(root) as server:
            wall = time.perf_counter()
            fast = scrapy_crawl(server, Path(tmp, "data-fast"), FAST)
            wall = time.perf_counter() - wall
            assert fast.item_count == args.postings, fast.summary
            pages, seconds, rate = pages_per_second(fast)
            rows.append(("scrapy, politeness off", args.postings, pages, seconds, rate))

            start = time.perf_counter()
            for path in paths:
                with urllib.request.urlopen(server.url + path) as response:
                    json.loads(response.read())
            seconds = time.perf_counter() - start
            rows.append(
                ("urllib, sequential", args.postings, len(paths), seconds, len(paths) / seconds)
            )

        with ReplayServer(polite_root) as server:
            polite = scrapy_crawl(server, Path(tmp, "data-polite"), POLITE)
            pages, seconds, rate = pages_per_second(polite)
            rows.append(("scrapy, polite defaults", args.polite_postings, pages, seconds, rate))

    print(f"{'crawl':<26}{'postings':>9}{'pages':>8}{'seconds':>10}{'pages/s':>10}")
    for name, postings, pages, seconds, rate in rows:
        print(f"{name:<26}{postings:>9}{pages:>8}{seconds:>10.2f}{rate:>10.1f}")
    print(f"(scrapy wall time incl. process start-up: {wall:.2f}s; pages include robots.txt)")


if __name__ == "__main__":
    main()
