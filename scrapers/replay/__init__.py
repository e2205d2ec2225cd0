"""Offline replay of the real sources: recorded responses (``responses/``) and a handle that
runs ``scrapers.replay.server`` in a subprocess. Standard library + PyYAML only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import yaml

RESPONSES_DIR = Path(__file__).resolve().parent / "responses"
OFFLINE_ARGS_PATH = RESPONSES_DIR / "offline.yaml"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def offline_spider_args(source: str) -> dict[str, str]:
    """The spider arguments that crawl ``source``'s happy-path replay (``offline.yaml``)."""
    data = yaml.safe_load(OFFLINE_ARGS_PATH.read_text(encoding="utf-8"))
    if source not in data:
        raise KeyError(f"no offline replay for source {source!r}; known: {sorted(data)}")
    return {key: str(value) for key, value in data[source].items()}


def subprocess_env() -> dict[str, str]:
    """The environment for child processes: this checkout importable first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
    return env


class ReplayServer:
    """``with ReplayServer() as server: ... server.url ...`` (127.0.0.1, free port)."""

    def __init__(self, root: Path = RESPONSES_DIR):
        self.root = Path(root)
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> ReplayServer:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "scrapers.replay.server", "--root", str(self.root)],
            stdout=subprocess.PIPE,
            text=True,
            env=subprocess_env(),
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("http://"):
            self.__exit__()
            raise RuntimeError(f"replay server did not start (said {line!r})")
        self.url = line
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout:
            self._proc.stdout.close()
        self._proc = None

    def _get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return json.loads(response.read())

    def reset(self) -> None:
        """Forget hit counters (``sequence`` restarts) and the request log."""
        self._get("/__replay__/reset")

    def log(self) -> list[dict[str, Any]]:
        """Every request served since the last reset: path, query, hit, time, user_agent."""
        return self._get("/__replay__/log")
