-- agg_role_demand_monthly: postings per month, country and role (CONTRACT §6).
-- grain: month × country × role. key: (month, country, role).
-- Canonical postings only (each job counted once). country 'ALL' is every country together
-- (do not add it to the per-country rows); a null country is an unknown location.
-- small_cell: fewer postings than the DuckDB variable small_cell_min_postings (default 5).
-- is_partial_month: the data stop before this month ends (the latest crawl date falls in this
-- month, before its last day), so its counts are not comparable with full months yet.
with settings as (
    select cast(coalesce(getvariable('small_cell_min_postings'), 5) as bigint) as min_postings
),
coverage as (
    select max(last_seen_date) as data_through from stg_postings
),
canonical as (
    select posting_month, country, role, in_scope
    from stg_postings
    where is_canonical
),
by_country as (
    select posting_month as month, country, role, any_value(in_scope) as in_scope, count(*) as postings
    from canonical
    group by all
),
worldwide as (
    select posting_month as month, 'ALL' as country, role, any_value(in_scope) as in_scope, count(*) as postings
    from canonical
    group by posting_month, role
),
both_levels as (
    select month, country, role, in_scope, postings from by_country
    union all
    select month, country, role, in_scope, postings from worldwide
)
select
    b.month,
    b.country,
    b.role,
    b.in_scope,
    b.postings,
    b.postings < s.min_postings as small_cell,
    coalesce(
        b.month >= date_trunc('month', c.data_through) and c.data_through < last_day(c.data_through),
        false
    ) as is_partial_month
from both_levels as b
cross join settings as s
cross join coverage as c
order by b.month, b.country nulls last, b.role
