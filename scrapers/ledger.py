"""Per-source crawl state: which details were landed (for incremental crawls) and how many
postings each board listed (to report a board that suddenly lists none).

Stored as ``data/state/<source>/ledger.json``; written atomically after the landing file
has been finalized, so a killed crawl never records postings it did not land.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any


@dataclass
class Ledger:
    path: Path
    # posting id -> {"marker": <list fingerprint>, "landed_at": <ISO UTC>}
    postings: dict[str, dict[str, str]] = field(default_factory=dict)
    # board -> postings it listed at its last successful crawl
    boards: dict[str, int] = field(default_factory=dict)
    # this crawl only
    pending: dict[str, str] = field(default_factory=dict)
    listed: dict[str, int] = field(default_factory=dict)
    listed_ok: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Ledger:
        if not path.exists():
            return cls(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, postings=data.get("postings", {}), boards=data.get("boards", {}))

    # --- incremental details -----------------------------------------------------------
    def is_unchanged(self, posting_id: str, marker: str, now: datetime, max_age: timedelta) -> bool:
        """True when this detail was landed with the same list marker, recently enough."""
        entry = self.postings.get(posting_id)
        if not entry or entry.get("marker") != marker:
            return False
        landed_at = datetime.fromisoformat(entry["landed_at"].replace("Z", "+00:00"))
        return now - landed_at < max_age

    def expect(self, posting_id: str, marker: str) -> None:
        """Remember the marker of a detail being fetched; it counts once it has landed."""
        self.pending[posting_id] = marker

    def landed(self, posting_id: str, fetched_at: str) -> None:
        marker = self.pending.pop(posting_id, None)
        if marker is not None:
            self.postings[posting_id] = {"marker": marker, "landed_at": fetched_at}

    # --- boards ------------------------------------------------------------------------
    def board_requested(self, board: str) -> None:
        self.listed.setdefault(board, 0)

    def board_listed(self, board: str, count: int) -> None:
        self.listed[board] = self.listed.get(board, 0) + count
        self.listed_ok.add(board)

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
        data: dict[str, Any] = {"postings": self.postings, "boards": boards}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)
