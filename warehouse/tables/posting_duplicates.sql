-- Postings that copy an earlier one (repost or cross-source copy), from pipelines.dedupe.
-- Rebuilt whole on every run: dedupe looks across all partitions.
create table if not exists posting_duplicates (
    posting_key varchar not null,
    duplicate_of varchar not null,
    method varchar not null
);
