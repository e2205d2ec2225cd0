-- dataset: what the warehouse holds, by kind of data, so no answer is read as the real market
-- when it comes from the bundled example snapshot.
-- grain: kind. key: kind. kind is stg_postings.data_kind: 'example snapshot' (the made-up
-- postings bundled in data/snapshot), 'live' (crawled from the real sources) or 'imported'
-- (import-csv / import-json files and pasted text postings).
with kinds (kind, description) as (
    values
        ('example snapshot', 'Made-up example postings bundled with careermarket (data/snapshot): hand-written in each source''s real shape to show and test the pipeline. Not the job market.'),
        ('live', 'Postings crawled from the real sources (careermarket crawl --live / run --live).'),
        ('imported', 'Postings imported from files (careermarket import-csv / import-json) or pasted as text.')
)
select
    s.data_kind as kind,
    k.description,
    count(*) as postings,
    count(*) filter (where s.is_canonical) as canonical_postings,
    count(*) filter (where s.is_canonical and s.in_scope) as in_scope_postings,
    list(distinct s.source order by s.source) as sources,
    min(s.first_seen_date) as first_crawl_date,
    max(s.last_seen_date) as last_crawl_date
from stg_postings as s
join kinds as k on k.kind = s.data_kind
group by s.data_kind, k.description
order by kind
