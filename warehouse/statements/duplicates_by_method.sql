-- Duplicates per dedupe method.
select method, count(*) from posting_duplicates group by 1 order by 1
