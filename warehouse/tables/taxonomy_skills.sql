-- The skill taxonomy (pipelines/taxonomy/skills.yaml) as rows, so SQL joins on the same ids.
create table if not exists taxonomy_skills (
    skill_id varchar not null,
    family varchar not null,
    family_name varchar not null,
    name_en varchar not null,
    name_ko varchar not null,
    aliases varchar[],
    deprecated boolean not null,
    taxonomy_version varchar not null
);
