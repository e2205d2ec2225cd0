"""The `compute` resource: local by default, configured from the environment, and the default
path never imports Ray (the Ray runs are tests/scale/test_ray_compute.py)."""

import subprocess
import sys

from dags.resources import ComputeResource
from pipelines.batch import Runner


def test_compute_is_local_unless_the_environment_says_ray(taxonomy):
    assert ComputeResource.from_env({}) == ComputeResource(kind="local")
    env = {
        "CAREERMARKET_COMPUTE": "ray",
        "CAREERMARKET_RAY_ADDRESS": "127.0.0.1:6380",
        "CAREERMARKET_RAY_ACTORS": "3",
        "CAREERMARKET_RAY_ACTOR_CPUS": "0.25",
    }
    compute = ComputeResource.from_env(env)
    assert (compute.kind, compute.ray_address) == ("ray", "127.0.0.1:6380")
    assert (compute.ray_actors, compute.ray_actor_cpus) == (3, 0.25)
    runner = ComputeResource().runner(taxonomy, lines=10)
    assert isinstance(runner, Runner) and runner.workers == 1


def test_the_default_definitions_and_runner_do_not_import_ray():
    code = (
        "import sys, dags.definitions, dags.ray_compute\n"
        "from dags.resources import ComputeResource\n"
        "from pipelines.taxonomy import load_taxonomy\n"
        "ComputeResource().runner(load_taxonomy(), 10)\n"
        "print('ray' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
