-- agg_skill_cooccurrence: which skills the postings of a role name together.
-- grain: role × country × skill × other skill. key: (role, country, skill_id, other_skill_id).
-- Both directions are stored (python → docker and docker → python), so "what goes with X" is
-- `where skill_id = X`. A skill counts when a canonical posting names it in duties, required or
-- preferred. postings: postings naming both; both_required_postings: postings requiring both;
-- share_of_skill = postings / skill_postings (of postings naming skill_id, the share that also
-- name other_skill_id); lift = postings × role_postings / (skill_postings × other_skill_postings)
-- (above 1: named together more often than chance). country 'ALL' is every country together.
-- small_cell: skill_postings is below the DuckDB variable small_cell_min_postings (default 5).
with settings as (
    select cast(coalesce(getvariable('small_cell_min_postings'), 5) as bigint) as min_postings
),
canonical as (
    -- postings with body text: a title-only posting cannot show a skill (not in role_postings)
    select posting_key, country, role
    from stg_postings
    where is_canonical and text_status = 'full'
),
postings_all as (
    select posting_key, country, role from canonical
    union all
    select posting_key, 'ALL' as country, role from canonical
),
role_counts as (
    select role, country, count(*) as role_postings
    from postings_all
    group by role, country
),
skill_flags as (
    select posting_key, skill_id, bool_or(section = 'required') as is_required
    from fct_posting_skills
    where is_canonical and section in ('duties', 'required', 'preferred')
    group by posting_key, skill_id
),
posting_skills as (
    select p.role, p.country, p.posting_key, f.skill_id, f.is_required
    from postings_all as p
    join skill_flags as f on f.posting_key = p.posting_key
),
skill_counts as (
    select role, country, skill_id, count(*) as skill_postings
    from posting_skills
    group by role, country, skill_id
),
pairs as (
    select
        a.role,
        a.country,
        a.skill_id,
        b.skill_id as other_skill_id,
        count(*) as postings,
        count(*) filter (where a.is_required and b.is_required) as both_required_postings
    from posting_skills as a
    join posting_skills as b
        on b.posting_key = a.posting_key
        and b.country is not distinct from a.country
        and b.skill_id <> a.skill_id
    group by a.role, a.country, a.skill_id, b.skill_id
)
select
    p.role,
    p.country,
    p.skill_id,
    p.other_skill_id,
    r.role_postings,
    k.skill_postings,
    o.skill_postings as other_skill_postings,
    p.postings,
    p.both_required_postings,
    round(p.postings / k.skill_postings, 4) as share_of_skill,
    round(p.postings * r.role_postings / (k.skill_postings * o.skill_postings), 4) as lift,
    k.skill_postings < s.min_postings as small_cell
from pairs as p
join role_counts as r on r.role = p.role and r.country is not distinct from p.country
join skill_counts as k
    on k.role = p.role and k.country is not distinct from p.country and k.skill_id = p.skill_id
join skill_counts as o
    on o.role = p.role and o.country is not distinct from p.country and o.skill_id = p.other_skill_id
cross join settings as s
order by p.role, p.country nulls last, p.skill_id, p.other_skill_id
