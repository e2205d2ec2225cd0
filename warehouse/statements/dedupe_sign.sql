-- Store the signatures computed for dedupe_unsigned's rows (registered as dedupe_signed).
update normalized_postings
set dedupe_company = s.dedupe_company, dedupe_bands = s.dedupe_bands
from dedupe_signed as s
where normalized_postings.rowid = s.row_id
