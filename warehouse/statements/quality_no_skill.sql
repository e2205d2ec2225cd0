-- In-scope postings, and those with no skill outside `other`, per source folder of the run.
-- Title-only postings (a title, no body text) are left out: they cannot show a skill.
select source, count(*) as in_scope,
       count(*) filter (where len(list_filter(skills, lambda s: s.section <> 'other')) = 0)
from normalized_postings join run_scope using (source, crawl_date)
where in_scope and coalesce(text_status, 'full') = 'full'
group by 1
