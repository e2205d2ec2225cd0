"""Replay server: serves recorded responses so spiders crawl offline through the real
downloader (the pattern of Scrapy's own test mockserver).

    python -m scrapers.replay.server [--root DIR]

binds 127.0.0.1 on a free port and prints its address (``http://127.0.0.1:PORT``) as the
first line on stdout. Spiders reach it with ``-a base_url=<that address>``.

Layout of ``--root`` (default: ``scrapers/replay/responses``):

- ``robots.txt`` at the top serves ``/robots.txt``;
- ``<source>/<path>[@<k>=<v>&...].<ext>`` serves ``GET /<path>`` (with or without the
  extension, and with or without a trailing slash) when the request's query contains every
  ``k=v`` listed after ``@``; the file naming the most parameters wins, a file without ``@``
  matches any query;
- ``<source>/host=<name>/<path>...`` serves it only to requests whose ``Host`` header is
  ``<name>`` (a virtual host: boards that live on their own subdomain, such as
  ``acme.recruitee.com``; ``base_url`` rewrites keep the real ``Host``); it wins over a
  recording without a host;
- an optional ``<file>.meta.json`` beside a file changes how it is served:
  ``status``, ``headers``, ``delay`` (seconds before answering), ``encoding`` (re-encode
  the UTF-8 file, e.g. ``cp949``), and ``sequence``: a list of such overrides (plus
  ``file``: another body in the same folder) applied to the 1st, 2nd ... request; the
  last entry repeats. Files named ``_*`` are such bodies and are not served directly.

Control endpoints (tests): ``/__replay__/reset`` clears hit counters and the request log,
``/__replay__/log`` returns the log as JSON. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

DEFAULT_ROOT = Path(__file__).resolve().parent / "responses"
CONTENT_TYPES = {
    ".json": "application/json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
META_SUFFIX = ".meta.json"
META_KEYS = frozenset({"status", "headers", "delay", "encoding", "sequence"})
STEP_KEYS = frozenset({"status", "headers", "delay", "encoding", "file"})


HOST_FOLDER = "host="


@dataclass(frozen=True)
class Recording:
    path: Path
    params: tuple[tuple[str, str], ...]
    meta: dict[str, Any] = field(default_factory=dict)
    host: str | None = None  # only for requests with this Host header


def _split_name(name: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """``jobs@skip=2.json`` -> (``jobs``, ``.json``, ((``skip``, ``2``),))."""
    ext = next((e for e in CONTENT_TYPES if name.endswith(e)), "")
    stem = name[: len(name) - len(ext)] if ext else name
    base, _, query = stem.partition("@")
    return base, ext, tuple(parse_qsl(query, keep_blank_values=True))


def _load_meta(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.name + META_SUFFIX)
    if not meta_path.exists():
        return {}
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    unknown = set(meta) - META_KEYS
    steps = meta.get("sequence", [])
    unknown |= {k for step in steps for k in step if k not in STEP_KEYS}
    if unknown:
        raise ValueError(f"{meta_path}: unknown keys {sorted(unknown)}")
    return meta


def build_index(root: Path) -> dict[str, list[Recording]]:
    """Route path -> recordings. Raises if two sources record the same route and query."""
    index: dict[str, list[Recording]] = {}
    if (root / "robots.txt").exists():
        index["/robots.txt"] = [Recording(root / "robots.txt", ())]
    for source_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(source_dir.rglob("*")):
            if not path.is_file() or path.name.endswith(META_SUFFIX) or path.name[0] == "_":
                continue  # _name: a body only a sequence step refers to
            base, ext, params = _split_name(path.name)
            folders = path.parent.relative_to(source_dir).parts
            host = None
            if folders and folders[0].startswith(HOST_FOLDER):
                host, folders = folders[0].removeprefix(HOST_FOLDER).lower(), folders[1:]
            route = "/" + "/".join([*folders, base])
            recording = Recording(path, params, _load_meta(path), host)
            for key in {route, route + ext}:
                clash = [
                    r for r in index.get(key, []) if set(r.params) == set(params) and r.host == host
                ]
                if clash:
                    raise ValueError(f"{path} and {clash[0].path} both answer {key}?{params}")
                index.setdefault(key, []).append(recording)
    return index


def match(
    index: dict[str, list[Recording]], path: str, query: str, host: str | None = None
) -> Recording | None:
    asked = set(parse_qsl(query, keep_blank_values=True))
    route = unquote(path)
    candidates = index.get(route) or index.get(route.rstrip("/")) or []
    fits = [r for r in candidates if set(r.params) <= asked and r.host in (None, host)]
    return max(fits, key=lambda r: (r.host is not None, len(r.params)), default=None)


class ReplayState:
    def __init__(self, root: Path):
        self.root = root
        self.index = build_index(root)
        self.lock = threading.Lock()
        self.hits: dict[tuple[str, str], int] = {}
        self.log: list[dict[str, Any]] = []

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
            self.log.clear()

    def next_hit(self, path: str, query: str) -> int:
        with self.lock:
            key = (path, "&".join(sorted(query.split("&"))))
            self.hits[key] = self.hits.get(key, 0) + 1
            return self.hits[key] - 1


class ReplayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real APIs
    # Headers and body are two writes; without TCP_NODELAY, Nagle + delayed ACK add ~40 ms
    # to every keep-alive response.
    disable_nagle_algorithm = True
    server_version = "careermarket-replay/1"
    state: ReplayState  # set on the subclass made by make_server

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read /log
        return

    def do_GET(self) -> None:  # http.server calls do_<METHOD>
        parts = urlsplit(self.path)
        if parts.path == "/__replay__/reset":
            self.state.reset()
            return self._send(200, {"Content-Type": "application/json"}, b"{}")
        if parts.path == "/__replay__/log":
            with self.state.lock:
                body = json.dumps(self.state.log).encode()
            return self._send(200, {"Content-Type": "application/json"}, body)
        host = (self.headers.get("Host") or "").lower()
        recording = match(self.state.index, parts.path, parts.query, host)
        hit = self.state.next_hit(host + parts.path, parts.query)
        with self.state.lock:
            self.state.log.append(
                {
                    "host": host,
                    "path": parts.path,
                    "query": parts.query,
                    "hit": hit,
                    "time": time.time(),
                    "user_agent": self.headers.get("User-Agent"),
                }
            )
        if recording is None:
            body = json.dumps({"error": "no recorded response", "path": parts.path}).encode()
            return self._send(404, {"Content-Type": "application/json"}, body)
        self._replay(recording, hit)

    def _replay(self, recording: Recording, hit: int) -> None:
        meta = dict(recording.meta)
        steps = meta.pop("sequence", None)
        if steps:
            meta.update(steps[min(hit, len(steps) - 1)])
        path = recording.path.with_name(meta["file"]) if "file" in meta else recording.path
        body = path.read_bytes()
        if "encoding" in meta:
            body = body.decode("utf-8").encode(meta["encoding"])
        headers = {"Content-Type": CONTENT_TYPES.get(_split_name(path.name)[1], "text/plain")}
        headers.update(meta.get("headers", {}))
        time.sleep(float(meta.get("delay", 0)))
        self._send(int(meta.get("status", 200)), headers, body)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out first: exactly what the slow case is for


class ReplayHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections from a concurrent crawler


def make_server(root: Path, port: int = 0) -> ThreadingHTTPServer:
    handler = type("BoundReplayHandler", (ReplayHandler,), {"state": ReplayState(root)})
    return ReplayHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = make_server(args.root.resolve(), args.port)
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
