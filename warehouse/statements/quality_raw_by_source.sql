-- Raw records per source folder in the run's partitions (run_scope).
select source, count(*) from raw_postings join run_scope using (source, crawl_date) group by 1
