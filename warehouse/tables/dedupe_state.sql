-- What dedupe saw of each posting when it last ran (warehouse.dedupe): the next run compares
-- each posting's latest crawl with it, and re-decides only the companies whose postings are
-- new, changed or gone.
create table if not exists dedupe_state (
    posting_key varchar not null,
    company_key varchar not null,     -- pipelines.dedupe.company_key of its company
    order_date date,                  -- coalesce(posted_at, first crawl date): earliest is canonical
    fingerprint ubigint not null      -- hash of everything dedupe reads of the posting
);
