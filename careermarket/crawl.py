"""``careermarket crawl SOURCE [--live] [-a key=value ...] -o RAW.jsonl`` (CONTRACT §4).

Offline (the default) it starts the replay server and crawls the recorded responses that
ship in ``scrapers/replay/responses``; with ``--live`` it crawls the real sites listed in
``scrapers/sources.yaml`` into ``data/live/`` (or ``--data-dir``), apart from the example
snapshot. Either way the crawl runs in a subprocess through
``scrapers.runner.run_crawl`` and the landed raw records (CONTRACT §2) are copied to -o.
With ``--workers N --redis-url URL`` N such processes share one frontier in Redis
(``scrapers.runner.run_shared_crawl``, ``scrapers/frontier.py``).
"""

from __future__ import annotations

import json
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from scrapers.replay import ReplayServer, offline_spider_args
from scrapers.runner import CrawlResult, SharedCrawlResult, run_crawl, run_shared_crawl
from warehouse.paths import DEFAULT_LIVE_DATA_DIR

# Offline crawls hit a local server: no reason to be slow.
OFFLINE_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "CAREERMARKET_RETRY_BACKOFF_BASE": "0.1",
}


def parse_spider_args(pairs: list[str]) -> dict[str, str]:
    args: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint="-a")
        args[key] = value
    return args


def crawl(
    source: Annotated[str, typer.Argument(help="Source id: greenhouse, lever, wanted, ...")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Write the raw records here (JSON lines).")
    ],
    live: Annotated[
        bool, typer.Option("--live", help="Crawl the real sites (scrapers/sources.yaml).")
    ] = False,
    spider_args: Annotated[
        list[str] | None,
        typer.Option(
            "--arg", "-a", metavar="KEY=VALUE", help="Spider argument: boards=, urls=, ..."
        ),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Data root for raw/, quarantine/, state/. Default: a temporary folder "
            "offline, data/live/ with --live (apart from the example snapshot in data/).",
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Refetch every detail page (ignore the ledger).")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Crawl processes sharing one frontier (needs --redis-url and the scale extra).",
        ),
    ] = 1,
    redis_url: Annotated[
        str | None,
        typer.Option(
            "--redis-url",
            metavar="URL",
            help="redis://host:port/db: share the request queue, dupefilter and ledger there.",
        ),
    ] = None,
) -> None:
    """Run one spider and write its raw records to OUTPUT."""
    if workers > 1 and not redis_url:
        raise typer.BadParameter("more than one worker needs --redis-url", param_hint="--workers")
    if redis_url:
        check_redis(redis_url)
    args = parse_spider_args(spider_args or [])
    settings: dict[str, str] = {} if live else dict(OFFLINE_SETTINGS)
    if full:
        settings["CAREERMARKET_INCREMENTAL"] = "False"
    with ExitStack() as stack:
        if not live:
            try:
                args = {**offline_spider_args(source), **args}
            except KeyError as exc:
                raise typer.BadParameter(str(exc.args[0]), param_hint="SOURCE") from None
            server = stack.enter_context(ReplayServer())
            args.setdefault("base_url", server.url)
        if data_dir is None and not live:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cm-crawl-")))
        if data_dir is None:  # live rows stay apart from the example snapshot in data/
            data_dir = DEFAULT_LIVE_DATA_DIR
        result: CrawlResult | SharedCrawlResult
        if redis_url:
            result = run_shared_crawl(
                source,
                workers=workers,
                redis_url=redis_url,
                data_dir=data_dir,
                spider_args=args,
                settings=settings,
                output=output,
            )
        else:
            result = run_crawl(
                source, data_dir=data_dir, spider_args=args, settings=settings, output=output
            )
        for line in housekeeping_lines(result):
            typer.echo(line, err=True)
        if not result.ok or not result.landing_files:
            reason = result.failure_reason or "nothing landed"
            typer.echo(f"crawl failed: {reason}; log: {result.log_path}", err=True)
            raise typer.Exit(1)
        typer.echo(json.dumps(result.summary, ensure_ascii=False), err=True)
        typer.echo(f"{result.item_count} raw records -> {output}", err=True)


def check_redis(url: str) -> None:
    """Fail early, in one line, when the scale extra is missing or Redis does not answer."""
    from scrapers.frontier import redis_client

    try:
        redis_client(url).ping()
    except RuntimeError as exc:
        raise typer.BadParameter(str(exc), param_hint="--redis-url") from None
    except Exception as exc:  # redis.ConnectionError, a malformed URL ...
        raise typer.BadParameter(f"cannot reach {url}: {exc}", param_hint="--redis-url") from None


def housekeeping_lines(result: CrawlResult | SharedCrawlResult) -> list[str]:
    """What the crawl cleaned up or replaced besides landing its own file."""
    lines = []
    if result.stale_parts_removed:
        names = ", ".join(Path(p).name for p in result.stale_parts_removed)
        lines.append(
            f"removed {len(result.stale_parts_removed)} stale .part file(s) of killed "
            f"{result.source} crawls: {names}"
        )
    for crawl_id, n in result.superseded.items():
        lines.append(f"replaced {n} postings landed earlier today by crawl {crawl_id}")
    return lines
