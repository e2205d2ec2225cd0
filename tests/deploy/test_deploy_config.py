"""The cluster deployment in deploy/, at the configuration level (no cluster exists here).

- deploy/k8s/dagster.yaml is a valid Dagster instance (dagster's own loader and schema), and
  its K8sRunLauncher config is valid for dagster-k8s (the `scale` test: the scale extra has it).
- deploy/k8s/values.yaml, rendered the way the dagster Helm chart's instance templates render
  it (helm/dagster/templates/helpers/instance/*.tpl), gives that same instance.
- The names the pieces share agree: the ConfigMap of careermarket's environment, the data
  volume and where the image expects it, the Ray head service and its Ray Client port, the
  Redis service, and the environment the code reads (dags/jobs.py live_config).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from dags.jobs import CRAWL_WORKERS_ENV, REDIS_URL_ENV, live_config
from dags.resources import RawSource
from warehouse.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
RELEASE = "dagster"  # the Helm release name values.yaml asks for
RAY_ADDRESS_ENV, COMPUTE_ENV = "CAREERMARKET_RAY_ADDRESS", "CAREERMARKET_COMPUTE"

# The chart's K8sRunLauncherConfig (helm/dagster/schema/.../subschema/run_launcher.py): every
# field, and those that are not Optional.
CHART_K8S_LAUNCHER_FIELDS = {
    "image",
    "imagePullPolicy",
    "jobNamespace",
    "loadInclusterConfig",
    "kubeconfigFile",
    "envConfigMaps",
    "envSecrets",
    "envVars",
    "volumeMounts",
    "volumes",
    "labels",
    "failPodOnRunFailure",
    "resources",
    "schedulerName",
    "securityContext",
    "runK8sConfig",
}
CHART_K8S_LAUNCHER_REQUIRED = {
    "imagePullPolicy",
    "loadInclusterConfig",
    "envConfigMaps",
    "envSecrets",
    "envVars",
    "volumeMounts",
    "volumes",
}


def load(path: str) -> Any:
    return yaml.safe_load((DEPLOY / path).read_text(encoding="utf-8"))


def manifests() -> dict[tuple[str, str], dict]:
    """deploy/k8s/careermarket.yaml by (kind, name)."""
    text = (DEPLOY / "k8s" / "careermarket.yaml").read_text(encoding="utf-8")
    return {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(text) if d}


def careermarket_env() -> dict[str, str]:
    return manifests()[("ConfigMap", "careermarket-env")]["data"]


def render_instance(values: dict, release: str = RELEASE) -> dict:
    """The instance sections the dagster chart writes from `values` (configmap-instance.yaml
    and its helpers), for the keys deploy/k8s/values.yaml sets."""
    glob = values["global"]
    k8s = values["runLauncher"]["config"]["k8sRunLauncher"]
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    launcher: dict[str, Any] = {
        "load_incluster_config": k8s["loadInclusterConfig"],
        "job_namespace": k8s.get("jobNamespace") or "<release namespace>",
        "image_pull_policy": k8s["imagePullPolicy"],
        # dagster.serviceAccountName: global, else serviceAccount.name, else the full name
        "service_account_name": glob.get("serviceAccountName")
        or values.get("serviceAccount", {}).get("name")
        or release,
        "dagster_home": glob["dagsterHome"],
        "instance_config_map": f"{release}-instance",
        "postgres_password_secret": glob["postgresqlSecretName"],
    }
    if k8s.get("envConfigMaps"):
        launcher["env_config_maps"] = [c["name"] for c in k8s["envConfigMaps"] if "name" in c]
    if k8s.get("envSecrets"):
        launcher["env_secrets"] = [s["name"] for s in k8s["envSecrets"] if "name" in s]
    for chart_key, key in [
        ("envVars", "env_vars"),
        ("volumeMounts", "volume_mounts"),
        ("volumes", "volumes"),
        ("labels", "labels"),
        ("resources", "resources"),
    ]:
        if k8s.get(chart_key):
            launcher[key] = k8s[chart_key]
    if k8s.get("failPodOnRunFailure"):
        launcher["fail_pod_on_run_failure"] = True

    pg = values["postgresql"]
    concurrency = values["concurrency"]
    runs = concurrency["runs"]
    monitoring = values["dagsterDaemon"]["runMonitoring"]
    return {
        "telemetry": {"enabled": values["telemetry"]["enabled"]},
        "storage": {
            "postgres": {
                "postgres_db": {
                    "hostname": f"{release}-postgresql",
                    "username": pg["postgresqlUsername"],
                    "password": {"env": "DAGSTER_PG_PASSWORD"},
                    "db_name": pg["postgresqlDatabase"],
                    "port": pg["service"]["port"],
                }
            }
        },
        "run_launcher": {"module": "dagster_k8s", "class": "K8sRunLauncher", "config": launcher},
        "run_coordinator": {
            "module": "dagster.core.run_coordinator",
            "class": values["dagsterDaemon"]["runCoordinator"]["type"],
        },
        "concurrency": {
            "pools": {
                "granularity": concurrency["pools"]["granularity"],
                "default_limit": concurrency["pools"]["defaultLimit"],
            },
            "runs": {
                "max_concurrent_runs": runs["maxConcurrentRuns"],
                "tag_concurrency_limits": runs["tagConcurrencyLimits"],
            },
        },
        "run_monitoring": {
            "enabled": monitoring["enabled"],
            "start_timeout_seconds": monitoring["startTimeoutSeconds"],
            "cancel_timeout_seconds": monitoring["cancelTimeoutSeconds"],
            "max_resume_run_attempts": monitoring["maxResumeRunAttempts"],
            "poll_interval_seconds": monitoring["pollIntervalSeconds"],
        },
    }


def test_the_instance_is_one_dagster_loads(tmp_path, monkeypatch):
    from dagster._core.instance.config import dagster_instance_config

    monkeypatch.setenv("DAGSTER_PG_PASSWORD", "not-a-secret")
    (tmp_path / "dagster.yaml").write_text((DEPLOY / "k8s" / "dagster.yaml").read_text("utf-8"))
    config, _ = dagster_instance_config(str(tmp_path))  # dagster's schema, as the daemon loads it
    assert config["run_launcher"]["class"] == "K8sRunLauncher"
    assert config["concurrency"]["runs"]["tag_concurrency_limits"][0]["key"] == "dagster/partition"

    broken = load("k8s/dagster.yaml")
    broken["concurrency"]["pools"]["default_limits"] = 1  # a misspelt key: the loader refuses
    (tmp_path / "dagster.yaml").write_text(yaml.safe_dump(broken))
    with pytest.raises(Exception, match="default_limits"):
        dagster_instance_config(str(tmp_path))


def test_the_helm_values_render_the_same_instance():
    values = load("k8s/values.yaml")
    k8s = values["runLauncher"]["config"]["k8sRunLauncher"]
    assert set(k8s) <= CHART_K8S_LAUNCHER_FIELDS, set(k8s) - CHART_K8S_LAUNCHER_FIELDS
    assert set(k8s) >= CHART_K8S_LAUNCHER_REQUIRED
    instance = load("k8s/dagster.yaml")
    rendered = render_instance(values)
    for section, expected in rendered.items():
        assert instance[section] == expected, section
    # the parts the chart renders beyond deploy/k8s/dagster.yaml are the chart's own
    assert set(instance) == set(rendered)


@pytest.mark.scale
def test_the_run_launcher_config_is_valid_for_dagster_k8s():
    """dagster-k8s's own config schema (the scale extra installs it), on deploy/k8s/dagster.yaml
    and on what the Helm values render."""
    from dagster._config import process_config
    from dagster_k8s import K8sRunLauncher

    schema = K8sRunLauncher.config_type()
    for config in (
        load("k8s/dagster.yaml")["run_launcher"]["config"],
        render_instance(load("k8s/values.yaml"))["run_launcher"]["config"],
    ):
        result = process_config(schema, config)
        assert result.success, [e.message for e in result.errors]
        assert result.value["instance_config_map"] == f"{RELEASE}-instance"
    wrong = {**config, "env_config_map": ["careermarket-env"]}  # not a field of the launcher
    assert not process_config(schema, wrong).success


def test_every_pod_gets_careermarkets_environment_and_data_volume():
    names = manifests()
    env_map = "careermarket-env"
    assert ("ConfigMap", env_map) in names
    instance_launcher = load("k8s/dagster.yaml")["run_launcher"]["config"]
    values = load("k8s/values.yaml")
    [code] = values["dagster-user-deployments"]["deployments"]
    assert instance_launcher["env_config_maps"] == [env_map]
    assert [c["name"] for c in code["envConfigMaps"]] == [env_map]

    # the data volume: the claim exists, and it is mounted where the image keeps data/
    workdir = re.search(r"^WORKDIR (\S+)$", (DEPLOY / "Dockerfile").read_text(), re.M)
    assert workdir is not None
    data_dir = f"{workdir.group(1)}/data"
    for volumes, mounts in [
        (instance_launcher["volumes"], instance_launcher["volume_mounts"]),
        (code["volumes"], code["volumeMounts"]),
    ]:
        [volume], [mount] = volumes, mounts
        assert ("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"]) in names
        assert mount == {"name": volume["name"], "mountPath": data_dir}
    assert Path(data_dir).name == "data"  # warehouse/paths.py: DEFAULT_DATA_DIR = <root>/data

    # one image for the code server, its runs and the Ray pods
    image = f"{code['image']['repository']}:{code['image']['tag']}"
    ray = load("ray/raycluster.yaml")
    pods = [ray["spec"]["headGroupSpec"], *ray["spec"]["workerGroupSpecs"]]
    assert {c["image"] for p in pods for c in p["template"]["spec"]["containers"]} == {image}


def test_the_ray_cluster_is_where_the_environment_points():
    ray = load("ray/raycluster.yaml")
    assert (ray["apiVersion"], ray["kind"]) == ("ray.io/v1", "RayCluster")
    spec = ray["spec"]
    head = spec["headGroupSpec"]
    assert isinstance(head["rayStartParams"], dict)
    [head_container] = head["template"]["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in head_container["ports"]}
    assert {"gcs", "client"} <= set(ports)
    assert spec["workerGroupSpecs"]
    for group in spec["workerGroupSpecs"]:
        assert group["groupName"] and isinstance(group["rayStartParams"], dict)
        assert group["minReplicas"] <= group["replicas"] <= group["maxReplicas"]
        assert group["template"]["spec"]["containers"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", spec["rayVersion"])

    env = careermarket_env()
    namespace = ray["metadata"]["namespace"]
    # KubeRay's head service is <cluster>-head-svc; Ray Client listens on the `client` port.
    head_service = f"{ray['metadata']['name']}-head-svc.{namespace}.svc.cluster.local"
    assert env[RAY_ADDRESS_ENV] == f"ray://{head_service}:{ports['client']}"
    assert env[COMPUTE_ENV] == "ray"
    # the runs are launched into the namespace the Ray cluster lives in
    assert load("k8s/dagster.yaml")["run_launcher"]["config"]["job_namespace"] == namespace
    k8s = load("k8s/values.yaml")["runLauncher"]["config"]["k8sRunLauncher"]
    assert k8s["jobNamespace"] == namespace


def test_the_crawl_jobs_find_the_redis_the_deployment_runs():
    env = careermarket_env()
    redis = manifests()[("Service", "careermarket-redis")]
    namespace = load("ray/raycluster.yaml")["metadata"]["namespace"]
    url = urlsplit(env[REDIS_URL_ENV])
    assert url.scheme == "redis"
    assert url.hostname == f"{redis['metadata']['name']}.{namespace}.svc.cluster.local"
    assert url.port == redis["spec"]["ports"][0]["port"]
    # what the code location makes of that environment: a valid shared-crawl raw source
    config = live_config(env)["resources"]["raw_source"]["config"]
    source = RawSource(**config)
    assert source.mode == "live" and source.redis_url == env[REDIS_URL_ENV]
    assert source.crawl_workers == int(env[CRAWL_WORKERS_ENV]) > 1
