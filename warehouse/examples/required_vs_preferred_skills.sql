-- question: Which skills does a role (here MLOps, worldwide) require, and which does it only prefer?
-- answer: the role's skills, most often required first. must_have_index 1 = always a
-- requirement (prepare it), 0 = only ever a bonus (우대사항). Change the role or country below.
-- columns: skill_id, name_ko, required_share, preferred_share, must_have_index, role_postings, small_cell
select
    p.skill_id,
    s.name_ko,
    p.required_share,
    p.preferred_share,
    p.must_have_index,
    p.role_postings,
    p.small_cell
from agg_role_skill_profile as p
left join dim_skill as s on s.skill_id = p.skill_id
where p.role = 'mlops_engineer' and p.country = 'ALL'
    and p.required_postings + p.preferred_postings > 0
order by p.required_rank
limit 15;
