-- Duplicates per source family of the copy.
select n.source, count(*)
from posting_duplicates d
join (select distinct posting_key, source from normalized_postings) n using (posting_key)
group by 1 order by 1
