"""The lake's Dagster instance (deploy/lake/dagster.yaml): one run per partition key."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg

from warehouse.paths import PROJECT_ROOT

LAKE_INSTANCE = PROJECT_ROOT / "deploy" / "lake" / "dagster.yaml"


def test_lake_instance_limits_runs_to_one_per_partition_key(tmp_path: Path) -> None:
    shutil.copy(LAKE_INSTANCE, tmp_path / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        queue = instance.get_concurrency_config().run_queue_config
        assert queue is not None, "the queued run coordinator applies tag limits"
        assert queue.tag_concurrency_limits == [
            {"key": "dagster/partition", "value": {"applyLimitPerUniqueValue": True}, "limit": 1}
        ]
        assert queue.max_concurrent_runs > 1  # distinct partitions still run side by side


def test_a_second_run_of_a_partition_waits_while_other_partitions_start(tmp_path: Path) -> None:
    """What the queue decides with these limits (Dagster's own counter, as its daemon uses it)."""
    from types import SimpleNamespace

    from dagster._utils.tags import TagConcurrencyLimitsCounter

    shutil.copy(LAKE_INSTANCE, tmp_path / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        limits = instance.get_concurrency_config().run_queue_config.tag_concurrency_limits

    def run(key: str) -> SimpleNamespace:
        return SimpleNamespace(tags={"dagster/partition": key})

    counter = TagConcurrencyLimitsCounter(limits, [run("2026-01-05|greenhouse")])
    assert counter.is_blocked(run("2026-01-05|greenhouse"))
    assert not counter.is_blocked(run("2026-01-05|lever"))
    assert not counter.is_blocked(run("2026-01-06|greenhouse"))


def test_the_lake_code_location_is_apart_from_the_default_one() -> None:
    """dags.lake loads without the scale extra or its servers, and `make run`'s definitions
    hold none of its assets."""
    from dags.definitions import defs as default_defs
    from dags.lake import defs
    from dags.partitions import crawl_partitions

    graph = defs.resolve_asset_graph()
    lake_keys = {dg.AssetKey(["lake", "load_tables"]), dg.AssetKey(["lake", "published_tables"])}
    assert graph.get_all_asset_keys() == lake_keys
    assert graph.get(dg.AssetKey(["lake", "load_tables"])).partitions_def == crawl_partitions
    assert not lake_keys & default_defs.resolve_asset_graph().get_all_asset_keys()
