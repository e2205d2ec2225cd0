-- Load one partition's normalized JSONL; the caller deleted the partition first.
insert into normalized_postings by name
select
    $source as source,
    cast($crawl_date as date) as crawl_date,
    * exclude (posted_at),
    try_cast(posted_at as date) as posted_at
from read_json(
    $path,
    format = 'newline_delimited',
    columns = {
        landing_file: 'VARCHAR',
        line_no: 'INTEGER',
        posting_key: 'VARCHAR',
        source_posting_id: 'VARCHAR',
        url: 'VARCHAR',
        title: 'VARCHAR',
        company: 'VARCHAR',
        language: 'VARCHAR',
        country: 'VARCHAR',
        location: 'VARCHAR',
        posted_at: 'VARCHAR',
        fetched_at: 'VARCHAR',
        crawl_id: 'VARCHAR',
        in_scope: 'BOOLEAN',
        role: 'VARCHAR',
        specializations: 'VARCHAR[]',
        skills: 'STRUCT(id VARCHAR, section VARCHAR, evidence VARCHAR)[]',
        min_years: 'INTEGER',
        max_years: 'INTEGER',
        newcomer_ok: 'BOOLEAN',
        degree_min: 'VARCHAR',
        salary_min: 'DOUBLE',
        salary_max: 'DOUBLE',
        salary_currency: 'VARCHAR',
        salary_period: 'VARCHAR',
        taxonomy_version: 'VARCHAR',
        content_hash: 'VARCHAR',
        text_length: 'INTEGER',
        section_text: 'STRUCT(duties VARCHAR, required VARCHAR, preferred VARCHAR, other VARCHAR)',
        tags: 'VARCHAR[]',
        source_label: 'VARCHAR',
        countries: 'VARCHAR[]'
    }
);
