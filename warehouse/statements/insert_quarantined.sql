-- One Arrow batch of a partition's quarantined records (pipelines.columns.QUARANTINE_BATCH,
-- its source replaced by the partition's, plus crawl_date), as the relation quarantined_batch;
-- the caller deleted the partition first, in the same transaction.
insert into quarantined_postings by name select * from quarantined_batch
