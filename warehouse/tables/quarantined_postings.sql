-- Raw records that could not be normalized, with the reason (CONTRACT §3: never dropped silently).
create table if not exists quarantined_postings (
    source varchar not null,
    crawl_date date not null,
    landing_file varchar,
    line_no integer,
    source_posting_id varchar,
    reason varchar not null,
    detail varchar,
    record varchar                    -- the raw record as JSON text (or the undecodable line)
);
