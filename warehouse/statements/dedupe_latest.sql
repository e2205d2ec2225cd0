-- Each posting's latest crawl as dedupe reads it: no text (its band keys stand for it), the
-- order that makes the earliest posting canonical, and a fingerprint of all of that.
create or replace temp table dedupe_latest as
with ranked as (
    select
        posting_key,
        dedupe_company,
        title,
        content_hash,
        dedupe_bands,
        posted_at,
        row_number() over (
            partition by posting_key
            order by crawl_date desc, fetched_at desc nulls last, landing_file desc, line_no desc
        ) as crawl_rank,
        min(crawl_date) over (partition by posting_key) as first_seen_date
    from normalized_postings
)
select
    posting_key,
    dedupe_company as company_key,
    title,
    content_hash,
    dedupe_bands,
    coalesce(posted_at, first_seen_date) as order_date,
    first_seen_date,
    hash(dedupe_company, title, content_hash, dedupe_bands, posted_at, first_seen_date)
        as fingerprint
from ranked
where crawl_rank = 1
