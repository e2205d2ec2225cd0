-- Postings for pipelines.dedupe: the latest crawl of each, earliest posting first (it is canonical),
-- with what tells their boards apart (source, source_label, url) and the language, for
-- cross-board copies.
with latest as (
    select
        *,
        row_number() over (
            partition by posting_key
            order by crawl_date desc, fetched_at desc nulls last, landing_file desc, line_no desc
        ) as crawl_rank,
        min(crawl_date) over (partition by posting_key) as first_seen_date
    from normalized_postings
)
select
    posting_key,
    company,
    title,
    section_text,
    content_hash,
    source,
    source_label,
    url,
    language
from latest
where crawl_rank = 1
order by coalesce(posted_at, first_seen_date), first_seen_date, posting_key
