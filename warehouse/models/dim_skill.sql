-- dim_skill: the skill taxonomy. grain: skill. key: skill_id.
select
    skill_id,
    family,
    family_name,
    name_en,
    name_ko,
    aliases,
    deprecated,
    taxonomy_version
from taxonomy_skills
