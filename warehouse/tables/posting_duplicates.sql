-- Postings that copy an earlier one (repost or cross-source copy), from pipelines.dedupe.
-- Kept by warehouse.dedupe.refresh_duplicates: each run re-decides only the postings of the
-- companies whose postings changed since the last run (dedupe_state), within a time window.
create table if not exists posting_duplicates (
    posting_key varchar not null,
    duplicate_of varchar not null,
    method varchar not null
);
