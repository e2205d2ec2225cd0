-- agg_skill_demand_monthly: how many postings of a role name a skill in each section (CONTRACT §6).
-- grain: month × country × role × skill × section. key: (month, country, role, skill_id, section).
-- postings: canonical postings of the role naming the skill in that section; role_postings: the
-- canonical postings of the role in that month and country that have body text (title-only
-- postings cannot show a skill; agg_role_demand_monthly counts them); share = postings /
-- role_postings.
-- Sections are duties, required and preferred: a skill named only in other text is not demand.
-- country 'ALL' is every country together. small_cell: role_postings is below the DuckDB
-- variable small_cell_min_postings (default 5), so the share rests on few postings.
-- is_partial_month: the latest crawl date falls in this month before its last day (see
-- agg_role_demand_monthly): the month is not over in the data yet.
with settings as (
    select cast(coalesce(getvariable('small_cell_min_postings'), 5) as bigint) as min_postings
),
coverage as (
    select max(last_seen_date) as data_through from stg_postings
),
skill_rows as (
    select distinct posting_key, posting_month, country, role, skill_id, section
    from fct_posting_skills
    where is_canonical and section in ('duties', 'required', 'preferred')
),
skill_rows_all as (
    select posting_key, posting_month, country, role, skill_id, section from skill_rows
    union all
    select posting_key, posting_month, 'ALL', role, skill_id, section from skill_rows
),
role_rows as (
    select posting_month, country, role, count(*) as role_postings
    from stg_postings
    where is_canonical and text_status = 'full'
    group by all
    union all
    select posting_month, 'ALL', role, count(*)
    from stg_postings
    where is_canonical and text_status = 'full'
    group by posting_month, role
)
select
    s.posting_month as month,
    s.country,
    s.role,
    s.skill_id,
    s.section,
    count(*) as postings,
    r.role_postings,
    round(count(*) / r.role_postings, 4) as share,
    r.role_postings < t.min_postings as small_cell,
    coalesce(
        s.posting_month >= date_trunc('month', c.data_through)
        and c.data_through < last_day(c.data_through),
        false
    ) as is_partial_month
from skill_rows_all as s
join role_rows as r
    on r.posting_month = s.posting_month
    and r.country is not distinct from s.country
    and r.role = s.role
cross join settings as t
cross join coverage as c
group by
    s.posting_month, s.country, s.role, s.skill_id, s.section, r.role_postings, t.min_postings,
    c.data_through
order by month, country nulls last, role, skill_id, section
