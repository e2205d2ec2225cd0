-- Replace the re-decided postings' rows (registered as dedupe_redecided) with the new matches
-- (dedupe_matches), drop rows of postings that are gone, and remember what was seen.
delete from posting_duplicates
where posting_key in (select posting_key from dedupe_redecided)
    or posting_key not in (select posting_key from dedupe_latest);
insert into posting_duplicates by name select * from dedupe_matches;
delete from dedupe_state;
insert into dedupe_state
select posting_key, company_key, order_date, fingerprint from dedupe_latest;
