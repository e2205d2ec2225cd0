-- question: How many years and which degree does each role ask for, in Korea and worldwide?
-- answer: per role and place: postings, median and quartiles of the minimum years with how many
-- postings state years (years_stated, years_coverage), the share open to newcomers (신입) among
-- the postings that say (experience_stated) and the share that say nothing, the typical degree
-- with how many state one, and the degree shares. A *_small_cell flag means that figure rests on
-- fewer stating postings than the small-cell threshold: a hint, not a rate.
-- columns: role, country, postings, years_stated, years_coverage, min_years_p25, min_years_median, min_years_p75, years_small_cell, experience_stated, newcomer_share, no_experience_stated_share, degree_stated, degree_typical, degree_small_cell, degree_bachelor_share, degree_master_share, degree_phd_share, degree_unknown_share, small_cell
select
    role,
    country,
    postings,
    years_stated,
    years_coverage,
    min_years_p25,
    min_years_median,
    min_years_p75,
    years_small_cell,
    experience_stated,
    newcomer_share,
    no_experience_stated_share,
    degree_stated,
    degree_typical,
    degree_small_cell,
    degree_bachelor_share,
    degree_master_share,
    degree_phd_share,
    degree_unknown_share,
    small_cell
from agg_role_requirements
where country in ('KR', 'ALL') and role <> 'out_of_scope'
order by role, country;
