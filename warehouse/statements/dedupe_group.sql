-- The postings to re-decide: those of the affected companies (registered as dedupe_affected)
-- from $cutoff on, in canonical order (earliest first), with what the cross-board match reads.
select
    posting_key,
    company_key,
    title,
    content_hash,
    dedupe_bands,
    cross_sections,
    source,
    source_label,
    url,
    language
from dedupe_latest
where company_key in (select company_key from dedupe_affected) and order_date >= $cutoff
order by order_date, first_seen_date, posting_key
