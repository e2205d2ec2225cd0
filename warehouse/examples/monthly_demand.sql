-- question: How does demand move month by month?
-- answer: canonical postings per month for each in-scope role, every country together, with
-- the change from the role's previous month that had postings.
-- columns: month, role, postings, change, small_cell
select
    month,
    role,
    postings,
    postings - lag(postings) over (partition by role order by month) as change,
    small_cell
from agg_role_demand_monthly
where country = 'ALL' and in_scope
order by role, month;
