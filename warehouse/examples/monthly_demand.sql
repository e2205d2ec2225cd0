-- question: How does demand move month by month?
-- answer: canonical postings per month for each in-scope role, every country together, with
-- the change from the role's previous month that had postings. is_partial_month marks the month
-- the data stop in (not over yet): its lower count is not a drop.
-- columns: month, role, postings, change, small_cell, is_partial_month
select
    month,
    role,
    postings,
    postings - lag(postings) over (partition by role order by month) as change,
    small_cell,
    is_partial_month
from agg_role_demand_monthly
where country = 'ALL' and in_scope
order by role, month;
