-- agg_role_demand_monthly: postings per month, country and role (CONTRACT §6).
-- grain: month × country × role. key: (month, country, role).
-- Canonical postings only (each job counted once). country 'ALL' is every country together
-- (do not add it to the per-country rows); a null country is an unknown location.
with canonical as (
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
)
select month, country, role, in_scope, postings from by_country
union all
select month, country, role, in_scope, postings from worldwide
order by month, country nulls last, role
