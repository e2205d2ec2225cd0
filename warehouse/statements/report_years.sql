-- report: the minimum years each canonical in-scope posting states, by role (every country).
select p.role, r.name_en, r.name_ko, p.min_years, p.country = 'KR' as in_korea
from stg_postings as p
left join dim_role as r on r.role_id = p.role
where p.is_canonical and p.in_scope and p.min_years is not null
order by p.role, p.min_years, p.posting_key
