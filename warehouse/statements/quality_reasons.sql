-- Quarantined records per source folder and reason in the run's partitions (run_scope).
select source, reason, count(*) from quarantined_postings join run_scope using (source, crawl_date)
group by all
