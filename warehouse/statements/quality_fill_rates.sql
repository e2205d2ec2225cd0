-- How often title, company, text (at least $text_min characters) and posted_at are filled,
-- per partition of the crawled $families.
select source, crawl_date, count(*) as postings,
       count(*) filter (where nullif(trim(title), '') is not null) as title,
       count(*) filter (where nullif(trim(company), '') is not null) as company,
       count(*) filter (where coalesce(text_length, 0) >= $text_min) as text,
       count(*) filter (where posted_at is not null) as posted_at
from normalized_postings
where source in (select unnest($families))
group by all
