-- Known terms per kind of the loaded taxonomy.
select kind, count(*) from taxonomy_terms group by 1 order by 1
