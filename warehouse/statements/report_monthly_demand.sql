-- report: canonical postings per month and in-scope role, every country together; the month
-- the data stop in is flagged (is_partial_month), so its lower count is not read as a drop.
select d.month, d.role, r.name_en, r.name_ko, d.postings, d.small_cell, d.is_partial_month
from agg_role_demand_monthly as d
left join dim_role as r on r.role_id = d.role
where d.country = 'ALL' and d.in_scope
order by d.month, d.role
