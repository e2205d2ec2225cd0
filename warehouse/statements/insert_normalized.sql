-- One Arrow batch of a partition's normalized postings (pipelines.columns.POSTING_BATCH, its
-- source replaced by the partition's, plus crawl_date), as the relation normalized_batch; the
-- caller deleted the partition first, in the same transaction.
insert into normalized_postings by name select * from normalized_batch
