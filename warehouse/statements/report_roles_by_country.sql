-- report: per in-scope role, what it asks for in Korea and worldwide (every country together):
-- postings and their share of the in-scope postings there, newcomer share, degree mix, and
-- the denominators: how many postings state years, experience (신입 or not) and a degree.
with in_scope as (
    select *
    from agg_role_requirements
    where role <> 'out_of_scope' and country in ('KR', 'ALL')
)
select
    q.role,
    r.name_en,
    r.name_ko,
    q.country,
    q.postings,
    round(q.postings / sum(q.postings) over (partition by q.country), 4) as market_share,
    q.newcomer_share,
    q.min_years_median,
    q.degree_none_share,
    q.degree_high_school_share,
    q.degree_associate_share,
    q.degree_bachelor_share,
    q.degree_master_share,
    q.degree_phd_share,
    q.degree_unknown_share,
    q.small_cell,
    q.years_stated,
    q.years_coverage,
    q.years_small_cell,
    q.experience_stated,
    q.experience_coverage,
    q.no_experience_stated_share,
    q.experience_small_cell,
    q.degree_typical,
    q.degree_stated,
    q.degree_coverage,
    q.degree_small_cell
from in_scope as q
left join dim_role as r on r.role_id = q.role
order by q.country, q.postings desc, q.role
