"""Fixtures of the `scale` tests (`make test-scale`): a real redis-server on 127.0.0.1.

The server runs as a subprocess on a free port for the session and is stopped at the end;
each test starts from an empty database. Without `redis-server` (Debian: `apt-get install
redis-server`, which `make test-scale` does) the tests fail with that message: never skip.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
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
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
