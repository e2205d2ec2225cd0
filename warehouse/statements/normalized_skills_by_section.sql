-- Skill mentions and postings per section in the run's partitions (run_scope).
select s.section, count(*) as mentions, count(distinct n.posting_key) as postings
from normalized_postings n join run_scope using (source, crawl_date), unnest(n.skills) as t(s)
group by 1 order by 1
