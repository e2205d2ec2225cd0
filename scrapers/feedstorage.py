"""A file feed storage that only ever exposes complete files.

Items are written to ``<path>.part``; the file is renamed to ``<path>`` when the feed is
stored (spider close). A killed crawl leaves only the ``.part`` file, which every reader
ignores because it does not end in ``.jsonl``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage

PART_SUFFIX = ".part"


class AtomicFileFeedStorage(FileFeedStorage):
    """``FileFeedStorage`` with write-to-temporary-then-rename semantics."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None):
        super().__init__(uri, feed_options=feed_options)
        self.final_path = Path(self.path)
        self.part_path = self.final_path.with_name(self.final_path.name + PART_SUFFIX)

    def open(self, spider: Any) -> IO[bytes]:
        self.part_path.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "ab" and self.final_path.exists():
            # -o (append) keeps what the file already holds.
            shutil.copyfile(self.final_path, self.part_path)
        return self.part_path.open(self.write_mode)

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        os.replace(self.part_path, self.final_path)
