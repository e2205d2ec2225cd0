-- advise: one row per in-scope role with postings in $country ('ALL' = every country).
-- Parameters (bound, never formatted): $country, $skills (skill ids the person has), $years
-- (int or null), $degree_level (position in $degrees, or null), $degrees (degree ids, lowest first).
-- required_demand: postings × required skills summed over the role's skills; covered_demand:
-- the part of it made of skills in $skills. eligible_share: share of the role's postings whose
-- stated minimum years and degree the person meets (a posting that states none is met).
with requirements as (
    select role, postings, min_years_median, degree_typical, small_cell
    from agg_role_requirements
    where country = $country and role <> 'out_of_scope'
),
demand as (
    select
        role,
        sum(required_postings) as required_demand,
        sum(required_postings) filter (where list_contains($skills, skill_id)) as covered_demand
    from agg_role_skill_profile
    where country = $country
    group by role
),
eligibility as (
    select
        role,
        avg(
            case
                when ($years is null or min_years is null or min_years <= $years)
                    and ($degree_level is null or degree_min is null
                        or list_position($degrees, degree_min) <= $degree_level)
                then 1.0
                else 0.0
            end
        ) as eligible_share
    from stg_postings
    where is_canonical and ($country = 'ALL' or country = $country)
    group by role
)
select
    q.role,
    r.name_en,
    r.name_ko,
    q.postings,
    q.small_cell,
    coalesce(d.required_demand, 0) as required_demand,
    coalesce(d.covered_demand, 0) as covered_demand,
    q.min_years_median,
    q.degree_typical,
    e.eligible_share
from requirements as q
left join dim_role as r on r.role_id = q.role
left join demand as d on d.role = q.role
left join eligibility as e on e.role = q.role
order by q.role
