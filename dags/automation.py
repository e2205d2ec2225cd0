"""When the downstream refreshes itself, and how fresh the published tables must be."""

from datetime import timedelta

import dagster as dg

# Rebuild once new postings have landed and settled: some upstream asset updated since this
# one last ran, nothing upstream or here is still running, and the blocking checks upstream
# passed. Unlike `eager()`, missing upstream partitions do not hold it back: most
# (date, source) partitions never get a crawl.
REFRESH_AFTER_NEW_POSTINGS = (
    dg.AutomationCondition.any_deps_updated().since_last_handled()
    & ~dg.AutomationCondition.any_deps_in_progress()
    & ~dg.AutomationCondition.in_progress()
    & dg.AutomationCondition.all_deps_blocking_checks_passed()
).with_label("refresh_after_new_postings")

# The live crawls run daily; published aggregates older than that are stale.
PUBLISHED_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=timedelta(hours=48), warn_window=timedelta(hours=26)
)
