"""Fixtures of the `scale` tests (`make test-scale`): a real redis-server and a local Ray
cluster on 127.0.0.1.

The server runs as a subprocess on a free port for the session and is stopped at the end;
each test starts from an empty database. Without `redis-server` (Debian: `apt-get install
redis-server`, which `make test-scale` does) the tests fail with that message: never skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Ray replaces 127.0.0.1 with the machine's routable address (ray._private.services:
# resolve_ip_for_localhost) unless multi-node clusters are off; off, a node and its drivers
# stay on loopback, as every server of these tests does. Read when Ray is imported.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


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
    """A local Ray cluster (`ray start --head --block`, 2 CPUs, on 127.0.0.1) for the session:
    its address. It runs in a process group of its own, which is stopped at the end: `ray
    start` stops the raylet and GCS when terminated, but its agents outlive it, and `ray stop`
    would stop every Ray process on the machine."""
    binary = Path(sys.executable).with_name("ray")
    if not binary.exists():
        pytest.fail("ray is not installed: run `make test-scale` (the scale extra has ray[data])")
    import ray

    port = free_port()
    # Short: Ray's unix sockets live under it, and their paths have a length limit.
    temp = tempfile.mkdtemp(prefix="ray-", dir="/tmp")
    command = [str(binary), "start", "--head", "--block", f"--port={port}"]
    command += ["--node-ip-address=127.0.0.1", "--num-cpus=2", "--include-dashboard=false"]
    command += [f"--ray-client-server-port={free_port()}", f"--dashboard-port={free_port()}"]
    command += [f"--dashboard-agent-listen-port={free_port()}", f"--temp-dir={temp}"]
    command += ["--object-store-memory=500000000", "--disable-usage-stats"]
    # Stopped at once: a node told to stop drains for up to 30 s by default.
    env = {**os.environ, "RAY_GRACEFUL_SHUTDOWN_DRAIN_TIMEOUT_S": "0"}
    log = Path(temp) / "ray-start.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"ray start exited ({process.returncode}): {log.read_text()[-2000:]}")
            try:
                ray.init(address=address, logging_level="ERROR", log_to_driver=False)
                break
            except (ConnectionError, RuntimeError) as error:
                if time.monotonic() > deadline:
                    pytest.fail(f"the Ray cluster did not answer at {address}: {error}")
                time.sleep(0.5)
        cpus = ray.cluster_resources().get("CPU")
        nodes = [n["NodeManagerAddress"] for n in ray.nodes()]
        ray.shutdown()  # each test connects as the code under test does
        if cpus != 2 or nodes != ["127.0.0.1"]:
            pytest.fail(f"the Ray cluster has {cpus} CPUs on {nodes}, not 2 on 127.0.0.1")
        yield address
    finally:
        if ray.is_initialized():
            ray.shutdown()
        stop_group(process)
        shutil.rmtree(temp, ignore_errors=True)


def stop_group(process: subprocess.Popen, grace: float = 20.0) -> None:
    """Terminate a process started with `start_new_session=True`, then what is left of its
    process group (SIGTERM, then SIGKILL after `grace` seconds)."""
    group = process.pid  # a new session's leader: its pid is the group id
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    deadline = time.monotonic() + grace
    sig = signal.SIGTERM
    while True:
        try:
            os.killpg(group, sig)
        except ProcessLookupError:  # the group is empty
            return
        if time.monotonic() > deadline + grace:
            return  # only unreaped zombies can be left: nothing runs
        if time.monotonic() > deadline:
            sig = signal.SIGKILL
        time.sleep(0.2)
