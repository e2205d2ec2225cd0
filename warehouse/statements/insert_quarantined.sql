-- One Arrow batch of a partition's quarantined records (pipelines.columns.QUARANTINE_BATCH),
-- registered as quarantined_batch; the caller deleted the partition first, in the same
-- transaction. `source` is the partition's (its landing folder).
insert into quarantined_postings by name
select $source as source, cast($crawl_date as date) as crawl_date, * exclude (source)
from quarantined_batch
