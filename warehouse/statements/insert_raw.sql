-- One Arrow batch of a partition's landing lines (pipelines.batch.RAW_BATCH), registered as
-- raw_batch; the caller deleted the partition first, in the same transaction.
insert into raw_postings by name
select $source as source, cast($crawl_date as date) as crawl_date, *
from raw_batch
