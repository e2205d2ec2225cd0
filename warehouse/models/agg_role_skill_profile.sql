-- agg_role_skill_profile: per role and country, how often each skill is required and how often
-- it is only preferred, over every month together.
-- grain: role × country × skill. key: (role, country, skill_id).
-- Canonical postings only; country 'ALL' is every country together, a null country is unknown.
-- required_postings: postings naming the skill under requirements. preferred_postings: postings
-- naming it as preferred and NOT as required (a skill a posting both requires and prefers counts
-- as required). Shares are over role_postings. must_have_index = required / (required +
-- preferred): 1 = always a requirement, 0 = only ever a bonus, null = named in duties only.
-- required_rank orders the skills of a role × country by required, then preferred postings.
-- small_cell: role_postings is below the DuckDB variable small_cell_min_postings (default 5).
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
    select
        posting_key,
        skill_id,
        bool_or(section = 'required') as is_required,
        bool_or(section = 'preferred') as is_preferred,
        bool_or(section = 'duties') as in_duties
    from fct_posting_skills
    where is_canonical and section in ('duties', 'required', 'preferred')
    group by posting_key, skill_id
),
skill_counts as (
    select
        p.role,
        p.country,
        f.skill_id,
        count(*) filter (where f.is_required) as required_postings,
        count(*) filter (where f.is_preferred and not f.is_required) as preferred_postings,
        count(*) filter (where f.in_duties) as duties_postings,
        count(*) as mentioned_postings
    from postings_all as p
    join skill_flags as f on f.posting_key = p.posting_key
    group by p.role, p.country, f.skill_id
)
select
    c.role,
    c.country,
    c.skill_id,
    r.role_postings,
    c.required_postings,
    c.preferred_postings,
    c.duties_postings,
    c.mentioned_postings,
    round(c.required_postings / r.role_postings, 4) as required_share,
    round(c.preferred_postings / r.role_postings, 4) as preferred_share,
    round(c.mentioned_postings / r.role_postings, 4) as mentioned_share,
    round(c.required_postings / nullif(c.required_postings + c.preferred_postings, 0), 4) as must_have_index,
    row_number() over (
        partition by c.role, c.country
        order by c.required_postings desc, c.preferred_postings desc, c.skill_id
    ) as required_rank,
    r.role_postings < s.min_postings as small_cell
from skill_counts as c
join role_counts as r on r.role = c.role and r.country is not distinct from c.country
cross join settings as s
order by c.role, c.country nulls last, required_rank
