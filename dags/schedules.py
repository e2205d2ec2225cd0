"""Daily live crawl schedules, one per source group. Defined, and stopped by default: turn one
on in the UI (Automation → Schedules) to crawl the real sites."""

import dagster as dg

from dags.jobs import CRAWL_JOBS
from dags.partitions import SOURCE_GROUPS, partition_key, register_keys

# UTC. Korean boards at 09:30 KST; the others spread out so crawls do not overlap.
CRAWL_CRONS = {
    "korean_boards": "30 0 * * *",
    "ats_boards": "0 2 * * *",
    "aggregators": "0 4 * * *",
}


def build_crawl_schedule(group: str) -> dg.ScheduleDefinition:
    """`crawl_<group>_schedule`: one run per family of the group, into that day's partition
    (registered by the schedule)."""
    families = SOURCE_GROUPS[group]

    @dg.schedule(
        name=f"crawl_{group}_schedule",
        job=CRAWL_JOBS[group],
        cron_schedule=CRAWL_CRONS[group],
        execution_timezone="UTC",
        default_status=dg.DefaultScheduleStatus.STOPPED,
        description=f"Daily live crawl of {', '.join(families)}, one run per source family.",
    )
    def _schedule(context: dg.ScheduleEvaluationContext):
        day = context.scheduled_execution_time.date()
        keys = [partition_key(day, family) for family in families]
        # The crawl lands into these partitions; schedules cannot return dynamic partition
        # requests as sensors do, so the keys are added here, before the runs are launched.
        register_keys(context.instance, keys)
        for key in keys:
            yield dg.RunRequest(run_key=f"crawl:{key}", partition_key=key)

    return _schedule


CRAWL_SCHEDULES = [build_crawl_schedule(group) for group in SOURCE_GROUPS]
