-- question: I know python, sql and docker: what should I learn next for MLOps?
-- answer: the skills MLOps postings require or prefer that are not in my list, most often
-- required first, then most often preferred, with the skills postings name beside them.
-- `careermarket advise --skills python,sql,docker --role mlops_engineer` gives the same ranking.
-- columns: skill_id, name_ko, required_postings, preferred_postings, role_postings, named_with
with my_skills (skill_id) as (
    values ('python'), ('sql'), ('docker')
),
together as (
    select skill_id, string_agg(other_skill_id, ', ' order by postings desc, other_skill_id) as named_with
    from agg_skill_cooccurrence
    where role = 'mlops_engineer' and country = 'ALL'
        and other_skill_id in (select skill_id from my_skills)
    group by skill_id
)
select
    p.skill_id,
    s.name_ko,
    p.required_postings,
    p.preferred_postings,
    p.role_postings,
    t.named_with
from agg_role_skill_profile as p
left join dim_skill as s on s.skill_id = p.skill_id
left join together as t on t.skill_id = p.skill_id
where p.role = 'mlops_engineer' and p.country = 'ALL'
    and p.skill_id not in (select skill_id from my_skills)
    and p.required_postings + p.preferred_postings > 0
order by p.required_postings desc, p.preferred_postings desc, p.skill_id
limit 10;
