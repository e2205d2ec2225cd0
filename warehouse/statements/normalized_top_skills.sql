-- The $top skills of each section by postings, in the run's partitions (run_scope).
with counted as (
    select s.section, s.id as skill, count(distinct n.posting_key) as postings
    from normalized_postings n join run_scope using (source, crawl_date), unnest(n.skills) as t(s)
    where s.section <> 'other'
    group by 1, 2
)
select section, skill, postings from counted
qualify row_number() over (partition by section order by postings desc, skill) <= $top
order by section, postings desc, skill
