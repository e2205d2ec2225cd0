-- stg_postings: one row per posting (CONTRACT §3), the latest crawl of each.
-- grain: posting_key. key: posting_key.
-- A title-only crawl (a list entry: a title, no body text) never replaces a crawl that had the
-- posting's text: the row is the latest crawl with text, and last_seen_date the latest of all.
-- duplicate_of points at the canonical posting when this one is a repost or a cross-source copy;
-- aggregates count canonical postings only, this table keeps both views.
-- data_kind says where a row came from: the bundled snapshot is made-up example data (its
-- crawl ids are snap-<source>-<yyyymmdd>, data/snapshot/README.md); import-csv / import-json
-- write crawl ids import-…, and text / csv records are never crawled; the rest was crawled.
with ranked as (
    select
        n.*,
        row_number() over (
            partition by n.posting_key
            order by coalesce(n.text_status, 'full') = 'title_only', n.crawl_date desc,
                n.fetched_at desc nulls last, n.landing_file desc, n.line_no desc
        ) as crawl_rank,
        max(n.crawl_date) over (partition by n.posting_key) as last_seen_date,
        -- crawls, not rows: a crawl loaded twice (its file under two landing roots) is one
        count(distinct coalesce(n.crawl_id, n.landing_file)) over (partition by n.posting_key)
            as times_crawled,
        min(n.crawl_date) over (partition by n.posting_key) as first_seen_date
    from normalized_postings as n
)
select
    r.posting_key,
    r.source,
    r.source_posting_id,
    r.source_label,
    r.url,
    r.title,
    r.company,
    r.language,
    r.country,
    r.location,
    coalesce(
        r.countries, case when r.country is null then [] else [r.country] end
    ) as countries,
    r.posted_at,
    cast(date_trunc('month', coalesce(r.posted_at, r.first_seen_date)) as date) as posting_month,
    r.in_scope,
    r.role,
    r.specializations,
    r.skills,
    coalesce(r.tags, []) as tags,
    r.min_years,
    r.max_years,
    r.newcomer_ok,
    r.degree_min,
    r.salary_min,
    r.salary_max,
    r.salary_currency,
    r.salary_period,
    d.duplicate_of,
    d.method as duplicate_method,
    d.duplicate_of is null as is_canonical,
    r.taxonomy_version,
    r.fetched_at,
    r.crawl_id,
    r.first_seen_date,
    r.last_seen_date,
    r.times_crawled,
    r.content_hash,
    r.text_length,
    -- Added last so existing columns keep their places (CONTRACT §6).
    case
        when r.crawl_id like 'snap-%' then 'example snapshot'
        when r.crawl_id like 'import-%' or r.source in ('text', 'csv') or r.source_label is not null
            then 'imported'
        else 'live'
    end as data_kind,
    -- 'title_only': a title and no body text (rows normalized before the column: 'full')
    coalesce(r.text_status, 'full') as text_status
from ranked as r
left join posting_duplicates as d on d.posting_key = r.posting_key
where r.crawl_rank = 1
