"""Output files a command may write, and writing them so that a reader never sees half of one.

`check_output` refuses, before any work, an output that would destroy an input or that has no
directory to go to (commands never create directories on their own). `atomic_writer` writes a
temporary file beside the target and renames it over the target once complete (os.replace), so
the target holds either its old content or the whole new content, even after a crash.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


class OutputError(ValueError):
    """An output path the command must not write."""


def same_file(a: Path, b: Path) -> bool:
    """True when a and b are one file: the same path after resolving symlinks, or hard links."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


def check_output(path: Path, option: str, inputs: Sequence[Path] = ()) -> None:
    """Raise OutputError unless `path` can be written: not one of `inputs`, not a directory,
    and in a directory that exists."""
    for source in inputs:
        if same_file(path, source):
            raise OutputError(f"{option} {path} is the input file {source}: choose another path")
    if path.is_dir():
        raise OutputError(f"{option} {path} is a directory: give a file path")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(
            f"{option} {path}: directory {parent} does not exist (create it first: mkdir -p {parent})"
        )


def _new_file_mode(target: Path) -> int:
    """The target's permissions if it exists, else what a plain open() would give (umask)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_writer(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open a temporary file beside `path` for writing; on success it replaces `path`, on any
    error it is removed and `path` is left as it was."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
        "w",
        encoding=encoding,
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    temp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(_new_file_mode(path))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
