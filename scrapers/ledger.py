"""Per-source crawl state: which details were landed (for incremental crawls) and how many
postings each board listed (to report a board that suddenly lists none).

Two backends with one interface:

- ``Ledger``: ``data/state/<source>/ledger.json``, rewritten whole (atomically) by the crawl.
  Right for one crawl process at a time: two processes would each write the file they read
  at their start, and the last one would drop the other's postings.
- ``RedisLedger`` (``REDIS_URL`` set, ``pip install '.[scale]'``): the same state in Redis
  hashes, one field per posting and per board, so N crawl workers that share a frontier
  merge their updates instead of overwriting them.

Either way the state is written after the landing file has been finalized, so a killed
crawl never records postings it did not land.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any


def _unchanged(
    entry: dict[str, str] | None, marker: str, now: datetime, max_age: timedelta
) -> bool:
    if not entry or entry.get("marker") != marker:
        return False
    landed_at = datetime.fromisoformat(entry["landed_at"].replace("Z", "+00:00"))
    return now - landed_at < max_age


class _CrawlState:
    """What a crawl records as it goes, the same for the JSON file and for Redis."""

    postings: dict[str, dict[str, str]]
    landed_now: dict[str, dict[str, str]]
    listed: dict[str, int]
    listed_ok: set[str]

    # --- incremental details -----------------------------------------------------------
    def is_unchanged(self, posting_id: str, marker: str, now: datetime, max_age: timedelta) -> bool:
        """True when this detail was landed with the same list marker, recently enough."""
        return _unchanged(self.postings.get(posting_id), marker, now, max_age)

    def landed(self, posting_id: str, marker: str, fetched_at: str) -> None:
        """A detail fetched for this list marker produced a posting (saved with the rest)."""
        self.landed_now[posting_id] = {"marker": marker, "landed_at": fetched_at}

    # --- boards ------------------------------------------------------------------------
    def board_requested(self, board: str) -> None:
        self.listed.setdefault(board, 0)

    def board_listed(self, board: str, count: int) -> None:
        self.listed[board] = self.listed.get(board, 0) + count
        self.listed_ok.add(board)


@dataclass
class Ledger(_CrawlState):
    path: Path
    # posting id -> {"marker": <list fingerprint>, "landed_at": <ISO UTC>}
    postings: dict[str, dict[str, str]] = field(default_factory=dict)
    # board -> postings it listed at its last successful crawl
    boards: dict[str, int] = field(default_factory=dict)
    # this crawl only
    landed_now: dict[str, dict[str, str]] = field(default_factory=dict)
    listed: dict[str, int] = field(default_factory=dict)
    listed_ok: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Ledger:
        if not path.exists():
            return cls(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, postings=data.get("postings", {}), boards=data.get("boards", {}))

    def emptied_boards(self) -> dict[str, int]:
        """Boards that listed nothing this crawl but had postings last time -> last count."""
        return {
            board: self.boards[board]
            for board, count in sorted(self.listed.items())
            if count == 0 and self.boards.get(board, 0) > 0
        }

    # --- persistence -------------------------------------------------------------------
    def save(self) -> None:
        # A board whose list failed keeps its last count, so it is reported again next time.
        boards = dict(self.boards)
        boards.update({b: n for b, n in self.listed.items() if b in self.listed_ok})
        self.postings.update(self.landed_now)
        self.landed_now = {}
        data: dict[str, Any] = {"postings": self.postings, "boards": boards}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)


class RedisLedger(_CrawlState):
    """``Ledger`` in Redis, shared by the crawl workers of one source.

    - ``careermarket:ledger:<source>:postings``: hash, posting id -> ``{"marker", "landed_at"}``
    - ``careermarket:ledger:<source>:boards``: hash, board -> postings listed at its last crawl

    Postings are read once at the start (like the JSON file) and written as single hash
    fields on ``save``: two workers never overwrite each other's postings. In a shared run
    (``run`` set, see ``scrapers.frontier``) a board's pages may be parsed by different
    workers, so the counts of this run are summed in Redis (``HINCRBY``); the worker that
    closes last (the run's ``live`` counter reaches 0) reports emptied boards and saves the
    counts, when every page has been counted.
    """

    def __init__(self, client: Any, source: str, run_keys: Any | None = None):
        self.client = client
        self.key = f"careermarket:ledger:{source}"
        self.run = run_keys  # scrapers.frontier.RunKeys of a shared run, or None
        self.postings = {
            k: json.loads(v) for k, v in client.hgetall(f"{self.key}:postings").items()
        }
        self.boards = {k: int(v) for k, v in client.hgetall(f"{self.key}:boards").items()}
        self.listed: dict[str, int] = {}  # this worker's own counts (its crawl report)
        self.listed_ok: set[str] = set()
        self.landed_now: dict[str, dict[str, str]] = {}
        self._closed: tuple[bool, dict[str, int]] | None = None

    def board_listed(self, board: str, count: int) -> None:
        super().board_listed(board, count)
        if self.run is not None:
            pipe = self.client.pipeline()
            pipe.hincrby(self.run.listed, board, count)
            pipe.sadd(self.run.listed_ok, board)
            pipe.execute()

    def _run_counts(self) -> tuple[dict[str, int], set[str]]:
        """This run's counts: the whole run's when shared, else this worker's."""
        if self.run is None:
            return dict(self.listed), set(self.listed_ok)
        counts = {k: int(v) for k, v in self.client.hgetall(self.run.listed).items()}
        return counts, set(self.client.smembers(self.run.listed_ok))

    def _close(self) -> tuple[bool, dict[str, int]]:
        """(does this worker settle the boards?, emptied boards); the run's last worker does."""
        if self._closed is None:
            last = self.run is None or int(self.client.decr(self.run.live)) <= 0
            emptied: dict[str, int] = {}
            if last:
                counts, _ = self._run_counts()
                emptied = {
                    board: self.boards[board]
                    for board in sorted(set(self.listed) | set(counts))
                    if counts.get(board, 0) == 0 and self.boards.get(board, 0) > 0
                }
            self._closed = (last, emptied)
        return self._closed

    def emptied_boards(self) -> dict[str, int]:
        """Boards that listed nothing this run but had postings last time (see the class)."""
        return self._close()[1]

    def save(self) -> None:
        pipe = self.client.pipeline()
        if self.landed_now:
            pipe.hset(
                f"{self.key}:postings",
                mapping={k: json.dumps(v, sort_keys=True) for k, v in self.landed_now.items()},
            )
        settles, _ = self._close()
        if settles:
            counts, ok = self._run_counts()
            listed = {b: n for b, n in counts.items() if b in ok}
            if listed:  # a board whose list failed keeps its last count
                pipe.hset(f"{self.key}:boards", mapping=listed)
        pipe.execute()
        self.postings.update(self.landed_now)
        self.landed_now = {}


def open_ledger(settings: Any, data_dir: Path, source: str) -> Ledger | RedisLedger:
    """``RedisLedger`` when the crawl has a ``REDIS_URL``, else the JSON file ledger."""
    from scrapers import layout

    redis_url = settings.get("REDIS_URL")
    if not redis_url:
        return Ledger.load(layout.ledger_path(data_dir, source))
    from scrapers.frontier import redis_client, run_keys

    run = settings.get("CAREERMARKET_FRONTIER_RUN")
    return RedisLedger(redis_client(redis_url), source, run_keys(source, run) if run else None)
