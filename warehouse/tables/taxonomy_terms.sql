-- Every lower-case term the taxonomy already names (pipelines.taxonomy.known_terms): skill
-- aliases, role titles, place names (whole and word by word) and skills.yaml not_skills.
-- agg_unmatched_terms leaves these out.
create table if not exists taxonomy_terms (
    term varchar not null,
    kind varchar not null,            -- skill | role | place | not_skill
    taxonomy_version varchar not null
);
