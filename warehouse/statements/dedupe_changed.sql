-- Postings that are new, changed or gone since dedupe last ran, with their company and order
-- date now and then (dedupe_latest: now; dedupe_state: then).
select
    coalesce(l.posting_key, s.posting_key) as posting_key,
    l.company_key as company_now,
    s.company_key as company_before,
    l.order_date as date_now,
    s.order_date as date_before
from dedupe_latest as l
full join dedupe_state as s on s.posting_key = l.posting_key
where l.fingerprint is distinct from s.fingerprint
