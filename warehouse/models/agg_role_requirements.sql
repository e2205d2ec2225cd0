-- agg_role_requirements: what each role asks for, per country (CONTRACT §6).
-- grain: role × country. key: (role, country). Canonical postings only; country 'ALL' is
-- every country together. Years quartiles use postings that state a minimum; shares of degree
-- are over all postings of the role (degree_unknown_share = the posting names none).
with canonical as (
    select role, country, min_years, newcomer_ok, degree_min, salary_min
    from stg_postings
    where is_canonical
),
both_levels as (
    select role, country, min_years, newcomer_ok, degree_min, salary_min from canonical
    union all
    select role, 'ALL', min_years, newcomer_ok, degree_min, salary_min from canonical
)
select
    role,
    country,
    count(*) as postings,
    count(min_years) as postings_with_years,
    quantile_cont(min_years, 0.25) as min_years_p25,
    median(min_years) as min_years_median,
    quantile_cont(min_years, 0.75) as min_years_p75,
    round(avg(case when newcomer_ok then 1.0 else 0.0 end), 4) as newcomer_share,
    round(avg(case when degree_min = 'none' then 1.0 else 0.0 end), 4) as degree_none_share,
    round(avg(case when degree_min = 'high_school' then 1.0 else 0.0 end), 4) as degree_high_school_share,
    round(avg(case when degree_min = 'associate' then 1.0 else 0.0 end), 4) as degree_associate_share,
    round(avg(case when degree_min = 'bachelor' then 1.0 else 0.0 end), 4) as degree_bachelor_share,
    round(avg(case when degree_min = 'master' then 1.0 else 0.0 end), 4) as degree_master_share,
    round(avg(case when degree_min = 'phd' then 1.0 else 0.0 end), 4) as degree_phd_share,
    round(avg(case when degree_min is null then 1.0 else 0.0 end), 4) as degree_unknown_share,
    round(avg(case when salary_min is not null then 1.0 else 0.0 end), 4) as salary_disclosed_share
from both_levels
group by role, country
order by role, country nulls last
