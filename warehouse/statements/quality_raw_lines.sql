-- Raw records per partition of the run (run_scope).
select source, crawl_date, count(*) from raw_postings join run_scope using (source, crawl_date)
group by all
