-- question: Which roles are hiring in Korea, and worldwide?
-- answer: one row per in-scope role: canonical postings in Korea, worldwide (every country
-- together), and the share of Korea's in-scope postings each role holds.
-- columns: role, name_ko, korea, worldwide, korea_share
with totals as (
    select
        role,
        sum(postings) filter (where country = 'KR') as korea,
        sum(postings) filter (where country = 'ALL') as worldwide
    from agg_role_demand_monthly
    where in_scope
    group by role
)
select
    t.role,
    r.name_ko,
    coalesce(t.korea, 0) as korea,
    t.worldwide,
    round(coalesce(t.korea, 0) / sum(coalesce(t.korea, 0)) over (), 3) as korea_share
from totals as t
left join dim_role as r on r.role_id = t.role
order by t.worldwide desc, t.role;
