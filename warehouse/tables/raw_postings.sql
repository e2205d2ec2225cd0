-- Raw landing as it arrived: one row per line of a landing file, bytes unchanged.
-- Written by warehouse.load.load_raw (delete the partition, then insert).
create table if not exists raw_postings (
    source varchar not null,          -- partition: source family (landing folder)
    crawl_date date not null,         -- partition: crawl date (landing folder)
    landing_file varchar not null,
    line_no integer not null,         -- 1-based line number in the landing file
    crawl_id varchar,
    source_posting_id varchar,        -- null when the line could not be parsed
    fetched_at varchar,
    line blob not null                -- the line's bytes exactly as landed
);
