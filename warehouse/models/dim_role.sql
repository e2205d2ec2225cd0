-- dim_role: roles, specializations and out_of_scope. grain: role id. key: role_id.
select
    role_id,
    kind,
    name_en,
    name_ko,
    taxonomy_version
from taxonomy_roles
