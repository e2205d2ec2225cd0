-- In-scope postings per partition of the run (run_scope).
select source, crawl_date, count(*) filter (where in_scope)
from normalized_postings join run_scope using (source, crawl_date)
group by all
