"""An S3-compatible object store for landing, exports and the table warehouse (opt-in).

`s3://bucket/prefix` URLs go through pyarrow's S3FileSystem, so no DuckDB extension (httpfs
cannot be installed offline) is needed. The endpoint is configurable for any S3-compatible
server (SeaweedFS, MinIO, Ceph, AWS itself):

- CAREERMARKET_S3_ENDPOINT: `http://127.0.0.1:8333` (unset: AWS's own endpoints);
- AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION: the usual credentials.

A file is written with one object PUT of its whole content, handed to pyarrow in one write:
S3 makes an object visible only once its upload completes, and what completes is always the
whole content, so a reader never sees half a file. (pyarrow's S3 stream completes an upload
even when it is dropped after an error, so a stream must never hold part of a file.) A file
too large for one PUT is streamed to a key under `_incoming/` and then copied into place by
the server (CopyObject is atomic).
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pyarrow.fs as pafs

ENDPOINT_ENV = "CAREERMARKET_S3_ENDPOINT"
DEFAULT_REGION = "us-east-1"
# Whole-file PUTs up to this size; larger files are streamed in parts (still invisible until
# the multipart upload completes).
SINGLE_PUT_BYTES = 64 << 20
BLOCK_BYTES = 8 << 20  # what a larger file is read and sent in
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Line = tuple[str, int, bytes]  # pipelines.batch.Line: (landing file, line number, bytes)


def is_s3_url(location: str | os.PathLike[str]) -> bool:
    return str(location).startswith("s3://")


@dataclass(frozen=True)
class S3Location:
    """A bucket and a key prefix (no leading or trailing slash)."""

    bucket: str
    prefix: str = ""

    @classmethod
    def parse(cls, url: str) -> S3Location:
        parts = urlparse(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"{url!r} is not an s3://bucket/prefix URL")
        return cls(parts.netloc, parts.path.strip("/"))

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")

    @property
    def path(self) -> str:
        """The location as pyarrow's S3FileSystem names it: bucket/prefix."""
        return f"{self.bucket}/{self.prefix}".rstrip("/")

    def child(self, *names: str) -> S3Location:
        key = "/".join(p.strip("/") for p in (self.prefix, *names) if p.strip("/"))
        return S3Location(self.bucket, key)


@dataclass(frozen=True)
class S3Settings:
    """How to reach the store: the endpoint (None: AWS) and credentials."""

    endpoint: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    region: str = DEFAULT_REGION

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] | None = None) -> S3Settings:
        env = os.environ if environ is None else environ
        return cls(
            endpoint=env.get(ENDPOINT_ENV) or None,
            access_key=env.get("AWS_ACCESS_KEY_ID") or None,
            secret_key=env.get("AWS_SECRET_ACCESS_KEY") or None,
            region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_REGION,
        )

    def filesystem(self) -> pafs.S3FileSystem:
        options: dict[str, object] = {"region": self.region, "allow_bucket_creation": True}
        if self.access_key:
            options.update(access_key=self.access_key, secret_key=self.secret_key or "")
        if self.endpoint:
            parts = urlparse(self.endpoint if "://" in self.endpoint else f"http://{self.endpoint}")
            options.update(endpoint_override=parts.netloc, scheme=parts.scheme or "http")
            # S3-compatible servers answer by path (http://host/bucket/key), not virtual host.
            options["force_virtual_addressing"] = False
        return pafs.S3FileSystem(**options)

    def iceberg_properties(self) -> dict[str, str]:
        """The same settings as pyiceberg FileIO properties (its PyArrowFileIO)."""
        props = {"s3.region": self.region, "py-io-impl": "pyiceberg.io.pyarrow.PyArrowFileIO"}
        if self.endpoint:
            endpoint = self.endpoint if "://" in self.endpoint else f"http://{self.endpoint}"
            props["s3.endpoint"] = endpoint
            props["s3.force-virtual-addressing"] = "false"
        if self.access_key:
            props["s3.access-key-id"] = self.access_key
            props["s3.secret-access-key"] = self.secret_key or ""
        return props


class ObjectStore:
    """Files under one s3:// location: atomic puts, listing, reads."""

    def __init__(self, url: str, settings: S3Settings | None = None) -> None:
        self.location = S3Location.parse(url)
        self.settings = settings or S3Settings.from_env()
        self.fs = self.settings.filesystem()

    def ensure_bucket(self) -> None:
        """Create the bucket when it does not exist (a no-op on an existing one)."""
        self.fs.create_dir(self.location.bucket, recursive=False)

    def url(self, *names: str) -> str:
        return self.location.child(*names).url

    def _path(self, name: str) -> str:
        return self.location.child(name).path

    def put_bytes(self, name: str, data: bytes) -> None:
        """One PUT of the whole object `name` (relative to the location)."""
        with self.fs.open_output_stream(self._path(name)) as stream:
            stream.write(data)  # one write: whatever completes is the whole object

    def put_file(self, local: Path, name: str) -> None:
        """Upload a local file to `name`, atomically (see the module docstring)."""
        if local.stat().st_size <= SINGLE_PUT_BYTES:
            self.put_bytes(name, local.read_bytes())
            return
        pending = self._path(f"_incoming/{uuid.uuid4().hex}")
        with local.open("rb") as handle, self.fs.open_output_stream(pending) as stream:
            for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
                stream.write(block)
        self.fs.move(pending, self._path(name))

    def put_tree(self, local_dir: Path, name: str = "", last: tuple[str, ...] = ()) -> list[str]:
        """Upload every file under local_dir to name/<relative path>; the files named in
        `last` go after the others (a manifest, so a reader that finds it finds its files)."""
        files = sorted(p for p in local_dir.rglob("*") if p.is_file())
        files.sort(key=lambda p: p.name in last)
        written = []
        for path in files:
            relative = path.relative_to(local_dir).as_posix()
            self.put_file(path, f"{name}/{relative}" if name else relative)
            written.append(relative)
        return written

    def get_bytes(self, name: str) -> bytes:
        with self.fs.open_input_stream(self._path(name)) as stream:
            return stream.read()

    def list(self, name: str = "") -> list[str]:
        """Names of the objects under `name`, relative to the location, sorted."""
        base = self.location.child(name).path if name else self.location.path
        selector = pafs.FileSelector(base, recursive=True, allow_not_found=True)
        root = self.location.path + "/"
        return sorted(
            info.path.removeprefix(root)
            for info in self.fs.get_file_info(selector)
            if info.type == pafs.FileType.File
        )

    def sha256(self, name: str) -> str:
        digest = hashlib.sha256()
        with self.fs.open_input_stream(self._path(name)) as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()


# -- landing files in the store: <root>/<source>/<YYYY-MM-DD>/<crawl>.jsonl, as on disk ------


def land_tree(store: ObjectStore, local_root: Path) -> list[str]:
    """Upload the landing files under local_root (<source>/<date>/*.jsonl), each atomically;
    returns their names in the store. Files still being written (*.part) are not landed."""
    written = []
    for path in sorted(local_root.glob("*/*/*.jsonl")):
        name = path.relative_to(local_root).as_posix()
        store.put_file(path, name)
        written.append(name)
    return written


def landed_objects(store: ObjectStore) -> dict[tuple[str, str], list[str]]:
    """The landing objects under the store's location by (source, YYYY-MM-DD), sorted."""
    out: dict[tuple[str, str], list[str]] = {}
    for name in store.list():
        parts = name.split("/")
        if len(parts) == 3 and parts[2].endswith(".jsonl") and _DATE.fullmatch(parts[1]):
            out.setdefault((parts[0], parts[1]), []).append(name)
    return out


def object_lines(store: ObjectStore, names: list[str], workdir: Path) -> Iterator[Line]:
    """(s3 URL, record number, bytes) of every record of the named landing objects, read
    the way local landing files are (warehouse.raw_lines: JSON Lines, arrays, UTF-16)."""
    from warehouse.raw_lines import iter_lines

    for name in names:
        local = workdir / "object.jsonl"
        local.write_bytes(store.get_bytes(name))
        url = store.url(name)
        for number, line in iter_lines(local):
            yield url, number, line
        local.unlink()
