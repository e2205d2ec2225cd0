-- advise: the skills each role requires or prefers, most often required first, then most often
-- preferred, and whether the person has each. Parameters (bound): $country, $skills (skill ids).
-- Skills named only in duties are left out: no posting lists them as a requirement or a bonus.
-- family lets the caller list soft skills and credentials apart from technical skills.
select
    p.role,
    p.skill_id,
    list_contains($skills, p.skill_id) as has_skill,
    s.name_en,
    s.name_ko,
    s.family,
    p.required_postings,
    p.preferred_postings,
    p.required_share,
    p.preferred_share,
    p.must_have_index
from agg_role_skill_profile as p
left join dim_skill as s on s.skill_id = p.skill_id
where p.country = $country
    and p.role <> 'out_of_scope'
    and p.required_postings + p.preferred_postings > 0
order by p.role, p.required_postings desc, p.preferred_postings desc, p.skill_id
