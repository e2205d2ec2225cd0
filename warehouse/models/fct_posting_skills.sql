-- fct_posting_skills: which skills each posting names, and in which section.
-- grain: posting × skill × section. key: (posting_key, skill_id, section).
select
    p.posting_key,
    s.skill.id as skill_id,
    s.skill.section as section,
    s.skill.evidence as evidence,
    p.role,
    p.in_scope,
    p.country,
    p.language,
    p.posting_month,
    p.is_canonical
from stg_postings as p,
    unnest(p.skills) as s(skill)
