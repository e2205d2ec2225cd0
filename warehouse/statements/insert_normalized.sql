-- One Arrow batch of a partition's normalized postings (pipelines.columns.POSTING_BATCH),
-- registered as normalized_batch; the caller deleted the partition first, in the same
-- transaction. `source` is the partition's (its landing folder), as for every load table.
insert into normalized_postings by name
select $source as source, cast($crawl_date as date) as crawl_date, * exclude (source)
from normalized_batch
