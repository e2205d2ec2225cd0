-- question: How many years and which degree does each role ask for, in Korea and worldwide?
-- answer: per role and place: postings, median and quartiles of the minimum years (postings
-- that state them), the share open to newcomers (신입), the typical degree and its shares.
-- columns: role, country, postings, min_years_p25, min_years_median, min_years_p75, newcomer_share, degree_typical, degree_bachelor_share, degree_master_share, degree_phd_share, degree_unknown_share, small_cell
select
    role,
    country,
    postings,
    min_years_p25,
    min_years_median,
    min_years_p75,
    newcomer_share,
    degree_typical,
    degree_bachelor_share,
    degree_master_share,
    degree_phd_share,
    degree_unknown_share,
    small_cell
from agg_role_requirements
where country in ('KR', 'ALL') and role <> 'out_of_scope'
order by role, country;
