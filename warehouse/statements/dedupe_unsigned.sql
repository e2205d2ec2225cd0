-- Postings loaded without a dedupe signature (from JSON, or before signatures existed).
select rowid as row_id, company, section_text
from normalized_postings
where dedupe_bands is null
