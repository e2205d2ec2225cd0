-- Each posting's latest crawl as dedupe reads it: no text (its band keys stand for it) except
-- the sections of a posting in a language whose boards the cross-board match covers
-- ($languages), what tells its board apart (source, source_label, url), the order that makes
-- the earliest posting canonical, and a fingerprint of all of that. A title-only crawl never
-- replaces one with text (as in stg_postings).
create or replace temp table dedupe_latest as
with ranked as (
    select
        posting_key,
        dedupe_company,
        title,
        content_hash,
        dedupe_bands,
        posted_at,
        source,
        source_label,
        url,
        language,
        case when list_contains($languages, language) then section_text end as cross_sections,
        row_number() over (
            partition by posting_key
            order by coalesce(text_status, 'full') = 'title_only', crawl_date desc,
                fetched_at desc nulls last, landing_file desc, line_no desc
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
    source,
    source_label,
    url,
    language,
    cross_sections,
    coalesce(posted_at, first_seen_date) as order_date,
    first_seen_date,
    hash(
        dedupe_company, title, content_hash, dedupe_bands, posted_at, first_seen_date,
        source, source_label, url, language, cross_sections
    ) as fingerprint
from ranked
where crawl_rank = 1
