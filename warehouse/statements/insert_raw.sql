-- One Arrow batch of a partition's landing lines (pipelines.batch.RAW_BATCH plus the
-- partition's source and crawl_date), as the relation raw_batch; the caller deleted the
-- partition first, in the same transaction.
insert into raw_postings by name select * from raw_batch
