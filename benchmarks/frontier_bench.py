"""Shared crawl frontier: one worker vs N workers on one Redis, against a slow replay server.

    .venv/bin/python benchmarks/frontier_bench.py [--postings 200] [--delay 0.2] [--workers 2]

Synthetic SmartRecruiters-shaped responses (list pages of 10, one detail call per posting,
each detail answered after ``--delay`` seconds, like a remote API) are served by the replay
server; every crawl process has at most 2 requests in flight (CONCURRENT_REQUESTS), so the
crawl is bound by the server's latency, not by this machine's CPU. The script starts ``redis-server`` on a free port (needs the scale extra and
Debian's redis-server, as ``make test-scale`` installs) and stops it at the end. It prints
wall seconds, pages per second, and the URLs fetched more than once (server-side count).
A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from scrapers.replay import ReplayServer
from scrapers.runner import run_crawl, run_shared_crawl

COMPANY = "BenchFrontier"
PAGE = 10
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "2",  # per process (Scrapy 2.19 enforces the per-domain cap only
    # with a DOWNLOAD_DELAY: under the asyncio reactor a slot's queue is drained at once)
    "LOG_LEVEL": "WARNING",
}


def write_responses(root: Path, postings: int, delay: float) -> None:
    base = root / "smartrecruiters" / "v1" / "companies" / COMPANY
    (base / "postings").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    for offset in range(0, postings, PAGE):
        content = []
        for n in range(offset, min(offset + PAGE, postings)):
            pid = str(620000000000000 + n)
            ref = f"https://api.smartrecruiters.com/v1/companies/{COMPANY}/postings/{pid}"
            content.append({"id": pid, "name": f"ML Engineer {n}", "ref": ref})
            detail = {"id": pid, "name": f"ML Engineer {n}", "jobAd": {"sections": {}}}
            (base / "postings" / f"{pid}.json").write_text(json.dumps(detail))
            (base / "postings" / f"{pid}.json.meta.json").write_text(json.dumps({"delay": delay}))
        page = {"offset": offset, "limit": PAGE, "totalFound": postings, "content": content}
        (base / f"postings@offset={offset}.json").write_text(json.dumps(page))


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return process, f"redis://127.0.0.1:{port}/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cm-frontier-") as tmp:
        root = Path(tmp)
        write_responses(root / "replay", args.postings, args.delay)
        redis_process, redis_url = start_redis(root)
        try:
            with ReplayServer(root / "replay") as server:
                spider_args = {"base_url": server.url, "boards": COMPANY, "page_size": str(PAGE)}
                rows = []
                for workers in (1, args.workers):
                    server.reset()
                    start = time.monotonic()
                    if workers == 1:
                        result = run_crawl(
                            "smartrecruiters",
                            data_dir=root / "one",
                            spider_args=spider_args,
                            settings=SETTINGS,
                            timeout=900,
                        )
                    else:
                        result = run_shared_crawl(
                            "smartrecruiters",
                            workers=workers,
                            redis_url=redis_url,
                            data_dir=root / "shared",
                            spider_args=spider_args,
                            settings=SETTINGS,
                            timeout=900,
                        )
                    seconds = time.monotonic() - start
                    pages = Counter(
                        (r["path"], r["query"]) for r in server.log() if r["path"] != "/robots.txt"
                    )
                    twice = sum(1 for n in pages.values() if n > 1)
                    rows.append((workers, result.item_count, sum(pages.values()), seconds, twice))
        finally:
            redis_process.terminate()
            redis_process.wait()
    print(f"{args.postings} postings, {args.delay} s per detail, 2 requests in flight per worker")
    print(f"{'workers':>7} {'postings':>8} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'twice':>6}")
    for workers, postings, pages, seconds, twice in rows:
        print(
            f"{workers:>7} {postings:>8} {pages:>6} {seconds:>8.1f} {pages / seconds:>8.1f} "
            f"{twice:>6}"
        )


if __name__ == "__main__":
    main()
