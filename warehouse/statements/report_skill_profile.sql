-- report: per in-scope role (every country together), the $top skills most often required or
-- preferred, with both shares side by side. Parameter (bound): $top.
with ranked as (
    select
        p.role,
        p.skill_id,
        p.required_share,
        p.preferred_share,
        p.required_postings,
        p.preferred_postings,
        p.role_postings,
        p.small_cell,
        row_number() over (
            partition by p.role
            order by p.required_postings + p.preferred_postings desc, p.required_postings desc, p.skill_id
        ) as skill_rank
    from agg_role_skill_profile as p
    where p.country = 'ALL' and p.role <> 'out_of_scope'
        and p.required_postings + p.preferred_postings > 0
)
select
    k.role,
    r.name_en as role_name_en,
    r.name_ko as role_name_ko,
    k.skill_id,
    s.name_en as skill_name_en,
    s.name_ko as skill_name_ko,
    k.required_share,
    k.preferred_share,
    k.required_postings,
    k.preferred_postings,
    k.role_postings,
    k.small_cell,
    k.skill_rank
from ranked as k
left join dim_role as r on r.role_id = k.role
left join dim_skill as s on s.skill_id = k.skill_id
where k.skill_rank <= $top
order by k.role_postings desc, k.role, k.skill_rank
