-- agg_role_requirements: what each role asks for, per country (CONTRACT §6).
-- grain: role × country. key: (role, country). Canonical postings only; country 'ALL' is
-- every country together. Each statistic carries its denominator ("not stated" is not "no"):
-- years quartiles rest on years_stated (postings stating a minimum); newcomer_share on
-- experience_stated (newcomer_ok not null), with no_experience_stated_share beside it;
-- degree_typical (the median of the degrees stated, the lower middle one when even) on
-- degree_stated. Shares of each degree are over all postings (degree_unknown_share = none named).
-- "All postings" of the years, experience and degree figures are those that could state them:
-- postings with body text, and title-only postings whose title states the figure (a title-only
-- posting is no "not stated"). postings and salary_disclosed_share count every posting.
-- small_cell: fewer postings than the DuckDB variable small_cell_min_postings (default 5);
-- years_small_cell, experience_small_cell and degree_small_cell apply it to the stated counts.
with settings as (
    select cast(coalesce(getvariable('small_cell_min_postings'), 5) as bigint) as min_postings
),
degree_levels (degree, level) as (
    values ('none', 0), ('high_school', 1), ('associate', 2), ('bachelor', 3), ('master', 4), ('phd', 5)
),
canonical as (
    select
        role, country, min_years, newcomer_ok, degree_min, salary_min,
        text_status = 'full' or min_years is not null as reads_years,
        text_status = 'full' or newcomer_ok is not null as reads_experience,
        text_status = 'full' or degree_min is not null as reads_degree,
        text_status = 'title_only' as title_only
    from stg_postings
    where is_canonical
),
both_levels as (
    select * from canonical
    union all
    select * replace ('ALL' as country) from canonical
),
per_role as (
    select
        b.role,
        b.country,
        count(*) as postings,
        count(b.min_years) as postings_with_years,
        quantile_cont(b.min_years, 0.25) as min_years_p25,
        median(b.min_years) as min_years_median,
        quantile_cont(b.min_years, 0.75) as min_years_p75,
        count(b.newcomer_ok) as experience_stated,
        round(avg(case when b.newcomer_ok then 1.0 when not b.newcomer_ok then 0.0 end), 4) as newcomer_share,
        round(avg(case when b.newcomer_ok then 1.0 else 0.0 end) filter (where b.reads_experience), 4) as newcomer_share_of_all,
        round(avg(case when b.newcomer_ok is null then 1.0 else 0.0 end) filter (where b.reads_experience), 4) as no_experience_stated_share,
        count(b.degree_min) as degree_stated,
        round(avg(case when b.degree_min = 'none' then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_none_share,
        round(avg(case when b.degree_min = 'high_school' then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_high_school_share,
        round(avg(case when b.degree_min = 'associate' then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_associate_share,
        round(avg(case when b.degree_min = 'bachelor' then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_bachelor_share,
        round(avg(case when b.degree_min = 'master' then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_master_share,
        round(avg(case when b.degree_min = 'phd' then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_phd_share,
        round(avg(case when b.degree_min is null then 1.0 else 0.0 end) filter (where b.reads_degree), 4) as degree_unknown_share,
        round(avg(case when b.salary_min is not null then 1.0 else 0.0 end), 4) as salary_disclosed_share,
        quantile_disc(l.level, 0.5) as degree_level_median,
        count(*) filter (where b.reads_years) as years_readable,
        count(*) filter (where b.reads_experience) as experience_readable,
        count(*) filter (where b.reads_degree) as degree_readable,
        count(*) filter (where b.title_only) as title_only_postings
    from both_levels as b
    left join degree_levels as l on l.degree = b.degree_min
    group by b.role, b.country
)
select
    p.role,
    p.country,
    p.postings,
    p.postings_with_years,
    p.min_years_p25,
    p.min_years_median,
    p.min_years_p75,
    p.newcomer_share,
    p.degree_none_share,
    p.degree_high_school_share,
    p.degree_associate_share,
    p.degree_bachelor_share,
    p.degree_master_share,
    p.degree_phd_share,
    p.degree_unknown_share,
    p.salary_disclosed_share,
    t.degree as degree_typical,
    p.postings < s.min_postings as small_cell,
    -- Added after small_cell so existing columns keep their places (CONTRACT §6).
    p.postings_with_years as years_stated,
    round(p.postings_with_years / nullif(p.years_readable, 0), 4) as years_coverage,
    p.postings_with_years < s.min_postings as years_small_cell,
    p.experience_stated,
    round(p.experience_stated / nullif(p.experience_readable, 0), 4) as experience_coverage,
    p.no_experience_stated_share,
    p.newcomer_share_of_all,
    p.experience_stated < s.min_postings as experience_small_cell,
    p.degree_stated,
    round(p.degree_stated / nullif(p.degree_readable, 0), 4) as degree_coverage,
    p.degree_stated < s.min_postings as degree_small_cell,
    p.title_only_postings
from per_role as p
left join degree_levels as t on t.level = p.degree_level_median
cross join settings as s
order by p.role, p.country nulls last
