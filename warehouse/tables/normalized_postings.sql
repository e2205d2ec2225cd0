-- Normalized postings (CONTRACT §3), one row per raw record that normalized, per crawl.
-- Written by warehouse.load.load_normalized from normalized JSONL (delete the partition, then insert).
create table if not exists normalized_postings (
    source varchar not null,
    crawl_date date not null,
    landing_file varchar,
    line_no integer,
    posting_key varchar not null,
    source_posting_id varchar not null,
    url varchar,
    title varchar not null,
    company varchar,
    language varchar not null,
    country varchar,
    location varchar,
    posted_at date,
    fetched_at varchar,
    crawl_id varchar,
    in_scope boolean not null,
    role varchar not null,
    specializations varchar[],
    skills struct(id varchar, section varchar, evidence varchar)[],
    min_years integer,
    max_years integer,
    newcomer_ok boolean,
    degree_min varchar,
    salary_min double,
    salary_max double,
    salary_currency varchar,
    salary_period varchar,
    taxonomy_version varchar not null,
    content_hash varchar not null,
    text_length integer,
    section_text struct(duties varchar, required varchar, preferred varchar, other varchar),
    tags varchar[],                   -- skill ids of the source's tag list (not a section)
    source_label varchar,             -- the raw envelope's source_label (which imported file)
    countries varchar[]               -- every country the location names, primary first
);
-- Warehouses built before tags, source_label and countries existed gain them here.
alter table normalized_postings add column if not exists tags varchar[];
alter table normalized_postings add column if not exists source_label varchar;
alter table normalized_postings add column if not exists countries varchar[];
