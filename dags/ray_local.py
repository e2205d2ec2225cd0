"""A one-node Ray cluster on 127.0.0.1, as a subprocess: for the `scale` tests and the benchmark.

    with local_cluster(num_cpus=2) as address:   # "127.0.0.1:<port>"
        RayRunner(taxonomy, address).run(lines)

`ray start --head --block` runs in a process group of its own, on free ports, and that group is
stopped at the end: terminated, `ray start` stops the raylet and GCS, but its agents outlive it,
and `ray stop` would stop every Ray process on the machine. Ray replaces 127.0.0.1 with the
machine's routable address (ray._private.services.resolve_ip_for_localhost) unless multi-node
clusters are off; this module turns them off for the cluster and for this process (the driver),
so every server and connection stays on loopback. Ray is imported lazily, after that is set.
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
from contextlib import contextmanager
from pathlib import Path

LOOPBACK_ENV = {
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",  # on Linux: a one-node cluster on loopback
    "RAY_USAGE_STATS_ENABLED": "0",
}


class ClusterError(RuntimeError):
    """The local cluster could not start, or is not what was asked for."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


@contextmanager
def local_cluster(num_cpus: int = 2, timeout: float = 90.0) -> Iterator[str]:
    """Start a one-node cluster with `num_cpus` CPUs on 127.0.0.1, yield its address once it
    answers, and stop it at the end. Raises ClusterError with the reason (`ray` missing, the
    start failed or timed out, the cluster is not on loopback)."""
    binary = Path(sys.executable).with_name("ray")
    if not binary.exists():
        raise ClusterError("ray is not installed: install the scale extra (ray[data])")
    for name, value in LOOPBACK_ENV.items():
        os.environ.setdefault(name, value)
    import ray
    from ray._private import ray_constants

    if ray_constants.ENABLE_RAY_CLUSTER:
        raise ClusterError(
            "Ray was imported before RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 was set: this driver "
            "would not reach a cluster on 127.0.0.1"
        )

    port = free_port()
    # Short: Ray's unix sockets live under it, and their paths have a length limit.
    temp = tempfile.mkdtemp(prefix="ray-", dir="/tmp")
    command = [str(binary), "start", "--head", "--block", f"--port={port}"]
    command += ["--node-ip-address=127.0.0.1", f"--num-cpus={num_cpus}"]
    command += ["--include-dashboard=false", f"--dashboard-port={free_port()}"]
    command += [f"--ray-client-server-port={free_port()}", f"--temp-dir={temp}"]
    command += [f"--dashboard-agent-listen-port={free_port()}", "--disable-usage-stats"]
    command += ["--object-store-memory=500000000"]
    # Stopped at once: a node told to stop drains for up to 30 s by default.
    env = {**os.environ, **LOOPBACK_ENV, "RAY_GRACEFUL_SHUTDOWN_DRAIN_TIMEOUT_S": "0"}
    log = Path(temp) / "ray-start.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:]
                raise ClusterError(f"ray start exited ({process.returncode}): {tail}")
            try:
                ray.init(address=address, logging_level="ERROR", log_to_driver=False)
                break
            except (ConnectionError, RuntimeError) as error:
                if time.monotonic() > deadline:
                    raise ClusterError(f"the Ray cluster did not answer at {address}") from error
                time.sleep(0.5)
        cpus = ray.cluster_resources().get("CPU")
        nodes = [n["NodeManagerAddress"] for n in ray.nodes()]
        ray.shutdown()  # callers connect as the code under test does
        if cpus != num_cpus or nodes != ["127.0.0.1"]:
            raise ClusterError(
                f"the cluster has {cpus} CPUs on {nodes}, not {num_cpus} on loopback"
            )
        yield address
    finally:
        if ray.is_initialized():
            ray.shutdown()
        stop_group(process)
        shutil.rmtree(temp, ignore_errors=True)
