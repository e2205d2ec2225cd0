"""Housekeeping of one source's landing folders: stale ``.part`` files and same-day
re-crawls. Standard library only.

- ``CrawlLock``: a running crawl holds ``state/<source>/running/<crawl_id>.lock`` (an
  advisory ``flock`` the kernel releases when the process dies, however it dies), so another
  crawl can tell a live crawl's ``.part`` file from a killed one's.
- ``remove_stale_parts``: delete the ``.part`` files of the source's crawls that are gone.
- ``supersede_earlier``: a same-day re-crawl replaces the postings it landed again in the
  earlier landing files of that day, so a partition holds each posting once.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from scrapers import layout

PART_SUFFIX = ".part"
SUPERSEDED_SUFFIX = ".superseded"
LOCK_SUFFIX = ".lock"


def _state_dir(data_dir: Path, source: str) -> Path:
    return layout.ledger_path(data_dir, source).parent


class CrawlLock:
    """Held (exclusive ``flock``) by a crawl from its start to its end."""

    def __init__(self, data_dir: Path, source: str, crawl_id: str):
        self.path = _state_dir(data_dir, source) / "running" / f"{crawl_id}{LOCK_SUFFIX}"
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = self.path.open("a", encoding="utf-8")
        fcntl.flock(self._handle, fcntl.LOCK_EX)  # crawl ids are unique: never contended

    def release(self) -> None:
        if self._handle is not None:
            self.path.unlink(missing_ok=True)
            self._handle.close()
            self._handle = None


def _is_running(lock_path: Path) -> bool:
    """True while the crawl owning ``lock_path`` holds it; a free lock file is removed."""
    try:
        handle = lock_path.open("a", encoding="utf-8")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        lock_path.unlink(missing_ok=True)  # its crawl is gone
        return False


def remove_stale_parts(data_dir: Path, source: str) -> list[Path]:
    """Delete the ``.part`` landing and quarantine files of the source's dead crawls.

    A ``.part`` file is what a crawl killed before it closed left behind: its postings never
    landed and its ledger was never saved, so the next crawl fetches them again. Files of a
    crawl that still holds its ``CrawlLock`` are left alone. Call under ``landing_lock``
    (``supersede_earlier`` writes a ``.part`` file too). Returns the files removed.
    """
    running = _state_dir(data_dir, source) / "running"
    removed = []
    for kind in ("raw", "quarantine"):
        for path in sorted((Path(data_dir) / kind / source).glob(f"*/*{PART_SUFFIX}")):
            crawl_id = path.name.split(".", 1)[0]
            if _is_running(running / f"{crawl_id}{LOCK_SUFFIX}"):
                continue
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextmanager
def landing_lock(data_dir: Path, source: str) -> Iterator[None]:
    """Serialize the rewrites of a source's landing files between concurrent crawls."""
    path = _state_dir(data_dir, source) / f"landing{LOCK_SUFFIX}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _posting_key(line: bytes) -> tuple[str, str] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or record.get("source_posting_id") in (None, ""):
        return None
    return str(record.get("source")), str(record["source_posting_id"])


def _preserve(path: Path, copy: Path) -> None:
    try:
        os.link(path, copy)  # instant, and the original bytes stay where they are
    except OSError:
        shutil.copyfile(path, copy)  # a file system without hard links


def supersede_earlier(landing: Path) -> dict[str, int]:
    """Drop the postings ``landing`` re-landed from the earlier landing files of its folder.

    The folder is one source and one date (one partition). For every earlier crawl's file
    (crawl ids sort by start time) that holds postings also in ``landing``, the original is
    kept as ``<file>.superseded`` (readers list ``*.jsonl`` only) and ``<file>`` is rewritten
    with the lines this crawl did not land again (a posting closed since, a detail skipped
    as unchanged), byte for byte; a file left with no line is removed. Nothing is lost: every
    posting of the partition stays in exactly one landing file, the newest copy of it.

    Call under ``landing_lock``. Returns ``{earlier crawl id: postings superseded}``.
    """
    with landing.open("rb") as handle:
        landed = {key for line in handle if (key := _posting_key(line))}
    superseded: dict[str, int] = {}
    if not landed:
        return superseded
    for earlier in sorted(landing.parent.glob("*.jsonl")):
        if earlier.stem >= landing.stem:
            continue
        keep: list[bytes] = []
        dropped = 0
        with earlier.open("rb") as handle:
            for line in handle:
                if _posting_key(line) in landed:
                    dropped += 1
                else:
                    keep.append(line)
        if not dropped:
            continue
        original = earlier.with_name(earlier.name + SUPERSEDED_SUFFIX)
        if not original.exists():  # superseded before: it already holds the original
            _preserve(earlier, original)
        if keep:
            tmp = earlier.with_name(earlier.name + PART_SUFFIX)
            with tmp.open("wb") as out:
                out.writelines(keep)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, earlier)
        else:
            earlier.unlink()
        superseded[earlier.stem] = dropped
    return superseded
