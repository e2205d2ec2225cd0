-- advise: one row per in-scope role with postings in $country ('ALL' = every country).
-- Parameters (bound, never formatted): $country, $skills (skill ids the person has), $years
-- (int or null), $degree_level (position in $degrees, or null), $degrees (degree ids, lowest
-- first), $soft_families (skill families that are not technical: soft skills, credentials).
-- required_demand: postings × required technical skills summed over the role's skills;
-- covered_demand: the part of it made of skills in $skills. eligible_share: share of the role's
-- postings whose stated years and degree the person meets (a posting that states none is met; a
-- stated range such as 3~5 years is not met by more years than its top); null when neither
-- $years nor $degree_level is given. years_met_of_stated: of the postings stating a minimum of
-- years, the share asking at most $years (where the person falls in the role's distribution).
with requirements as (
    select
        role,
        postings,
        small_cell,
        min_years_p25,
        min_years_median,
        min_years_p75,
        years_stated,
        years_coverage,
        years_small_cell,
        newcomer_share,
        experience_stated,
        experience_small_cell,
        degree_typical,
        degree_stated,
        degree_coverage,
        degree_small_cell
    from agg_role_requirements
    where country = $country and role <> 'out_of_scope'
),
demand as (
    select
        p.role,
        sum(p.required_postings) as required_demand,
        sum(p.required_postings) filter (where list_contains($skills, p.skill_id)) as covered_demand
    from agg_role_skill_profile as p
    left join dim_skill as s on s.skill_id = p.skill_id
    where p.country = $country and not list_contains($soft_families, coalesce(s.family, ''))
    group by p.role
),
eligibility as (
    select
        role,
        avg(
            case
                when ($years is null or min_years is null or min_years <= $years)
                    and ($years is null or max_years is null or $years <= max_years)
                    and ($degree_level is null or degree_min is null
                        or list_position($degrees, degree_min) <= $degree_level)
                then 1.0
                else 0.0
            end
        ) as eligible_share,
        avg(case when min_years <= $years then 1.0 when min_years is not null then 0.0 end)
            as years_met_of_stated
    from stg_postings
    where is_canonical and ($country = 'ALL' or country = $country)
        -- a title-only posting that states neither says nothing to be met or not
        and (text_status = 'full' or min_years is not null or degree_min is not null)
    group by role
)
select
    q.*,
    r.name_en,
    r.name_ko,
    coalesce(d.required_demand, 0) as required_demand,
    coalesce(d.covered_demand, 0) as covered_demand,
    case when $years is not null or $degree_level is not null then e.eligible_share end
        as eligible_share,
    case when $years is not null then e.years_met_of_stated end as years_met_of_stated
from requirements as q
left join dim_role as r on r.role_id = q.role
left join demand as d on d.role = q.role
left join eligibility as e on e.role = q.role
order by q.role
