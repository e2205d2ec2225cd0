-- agg_unmatched_terms: terms the requirement sections (required, preferred) name that no skill of
-- the taxonomy matches, most frequent first: the list to grow pipelines/taxonomy/skills.yaml from.
-- grain: term. key: term.
-- A term is a Latin-script token, lower-cased ("Kafka" -> kafka, "C#", "Node.js", "LangGraph").
-- It counts where it is written like a name: capitalized inside a sentence (the first word of
-- each line and sentence is skipped, since bullets start with a capital), CamelCase, an acronym,
-- with a digit or + #. Common words are kept out by requiring two thirds of a term's uses to be
-- written so ("Strong", "Excellent" are mostly lower case elsewhere), and terms the taxonomy
-- already knows (taxonomy_terms: skill aliases and their words, role titles, places, not_skills)
-- are left out, and so are web addresses (www.….edu). Canonical postings only. Hangul terms are not extracted.
-- Bounded work: a section's first 100,000 characters and its first 2,000 words are read (more
-- than any real posting holds), token rows do not carry the text (one posting of 0.4 MB took
-- 4 GB when each of its words did), and the context is cut only for each kept term's example.
-- small_cell: postings is below the DuckDB variable small_cell_min_postings (default 5).
with settings as (
    select cast(coalesce(getvariable('small_cell_min_postings'), 5) as bigint) as min_postings
),
canonical as (
    select s.posting_key, s.title, s.in_scope, any_value(n.section_text) as section_text
    from stg_postings as s
    join normalized_postings as n
        on n.posting_key = s.posting_key and n.content_hash = s.content_hash
    where s.is_canonical
    group by s.posting_key, s.title, s.in_scope
),
texts as (
    select
        posting_key, title, in_scope, 'required' as section,
        left(section_text.required, 100000) as text
    from canonical
    union all
    select
        posting_key, title, in_scope, 'preferred' as section,
        left(section_text.preferred, 100000) as text
    from canonical
),
bodies as (
    select
        posting_key, title, in_scope, section,
        regexp_replace(
            text, '(^|\n|[.!?;•]\s+)[^A-Za-z\n]*[A-Za-z][A-Za-z0-9]*', '\1', 'g'
        ) as body
    from texts
    where coalesce(text, '') <> ''
),
tokens as (
    select
        posting_key, title, in_scope, section,
        unnest(list_slice(
            regexp_extract_all(body, '[A-Za-z][A-Za-z0-9]*(?:[.''-][A-Za-z0-9]+)*[+#]*'), 1, 2000
        )) as token
    from bodies
),
uses as (
    select
        *,
        lower(token) as term,
        regexp_matches(token, '^[A-Z]|[a-z][A-Z]|[0-9+#]|[a-z][.][a-z]') as name_like
    from tokens
    where length(token) between 2 and 40
),
named as (
    select * from uses where name_like
),
spellings as (
    select term, token, count(*) as n,
        row_number() over (partition by term order by count(*) desc, token) as spelling_rank
    from named
    group by term, token
),
counts as (
    select
        term,
        count(*) filter (where name_like) as named_uses,
        count(*) as all_uses,
        count(distinct posting_key) filter (where name_like) as postings,
        count(distinct posting_key) filter (where name_like and section = 'required')
            as required_postings,
        count(distinct posting_key) filter (where name_like and section = 'preferred')
            as preferred_postings,
        count(distinct posting_key) filter (where name_like and in_scope) as in_scope_postings
    from uses
    group by term
),
kept as (
    select *
    from counts
    where postings >= 2
        and named_uses * 3 >= all_uses * 2
        and not regexp_matches(term, '^www[.]|[.](com|org|edu|gov|net|io|co|kr)$')  -- addresses
        and term not in (select term from taxonomy_terms)
),
example_uses as (
    -- in a tie, the use in the term's usual spelling, then the first spelling (deterministic)
    select
        n.term, n.posting_key, n.title, n.section, n.token,
        row_number() over (
            partition by n.term
            order by
                n.in_scope desc, n.section = 'required' desc, n.posting_key,
                n.token = sp.token desc, n.token
        ) as example_rank
    from named as n
    join spellings as sp on sp.term = n.term and sp.spelling_rank = 1
    where n.term in (select term from kept)
),
examples as (
    select
        e.term, e.posting_key, e.title,
        regexp_replace(
            substr(t.text, greatest(1, instr(t.text, e.token) - 40), length(e.token) + 80),
            '\s+', ' ', 'g'
        ) as context
    from example_uses as e
    join texts as t on t.posting_key = e.posting_key and t.section = e.section
    where e.example_rank = 1
)
select
    c.term,
    sp.token as spelling,
    c.postings,
    c.required_postings,
    c.preferred_postings,
    c.in_scope_postings,
    round(c.named_uses / c.all_uses, 3) as named_share,
    e.posting_key as example_posting_key,
    e.title as example_title,
    e.context as example_context,
    c.postings < (select min_postings from settings) as small_cell
from kept as c
join spellings as sp on sp.term = c.term and sp.spelling_rank = 1
join examples as e on e.term = c.term
order by c.postings desc, c.term
