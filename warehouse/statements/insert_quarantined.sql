-- Load one partition's quarantine JSONL; the caller deleted the partition first.
insert into quarantined_postings by name
select
    $source as source,
    cast($crawl_date as date) as crawl_date,
    landing_file,
    line_no,
    source_posting_id,
    reason,
    detail,
    record
from read_json(
    $path,
    format = 'newline_delimited',
    columns = {
        landing_file: 'VARCHAR',
        line_no: 'INTEGER',
        source_posting_id: 'VARCHAR',
        reason: 'VARCHAR',
        detail: 'VARCHAR',
        record: 'VARCHAR'
    }
);
