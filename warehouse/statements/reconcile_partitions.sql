-- Per partition of the run (run_scope): raw records, normalized and quarantined ones.
with raw as (
    select source, crawl_date, count(*) as n from raw_postings
    join run_scope using (source, crawl_date) group by all
), good as (
    select source, crawl_date, count(*) as n from normalized_postings
    join run_scope using (source, crawl_date) group by all
), bad as (
    select source, crawl_date, count(*) as n from quarantined_postings
    join run_scope using (source, crawl_date) group by all
)
select s.source, s.crawl_date,
       coalesce(raw.n, 0), coalesce(good.n, 0), coalesce(bad.n, 0)
from run_scope s
left join raw using (source, crawl_date)
left join good using (source, crawl_date)
left join bad using (source, crawl_date)
order by s.source, s.crawl_date
