-- report: the figures in the page's first lines.
select
    count(*) as postings,
    count(*) filter (where is_canonical) as canonical_postings,
    count(*) filter (where is_canonical and in_scope) as in_scope_postings,
    count(*) filter (where is_canonical and in_scope and country = 'KR') as korea_postings,
    count(distinct source) as sources,
    min(posting_month) as first_month,
    max(posting_month) as last_month,
    any_value(taxonomy_version) as taxonomy_version,
    max(last_seen_date) as data_through
from stg_postings
