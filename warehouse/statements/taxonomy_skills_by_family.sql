-- Skills per family of the loaded taxonomy.
select family, count(*) from taxonomy_skills group by 1 order by 1
