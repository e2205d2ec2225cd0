-- Roles and specializations (pipelines/taxonomy/roles.yaml) as rows.
create table if not exists taxonomy_roles (
    role_id varchar not null,
    kind varchar not null,            -- role | specialization | out_of_scope
    name_en varchar not null,
    name_ko varchar not null,
    taxonomy_version varchar not null
);
