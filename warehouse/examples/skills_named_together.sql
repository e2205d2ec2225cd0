-- question: Which skills go together with Kubernetes in MLOps postings?
-- answer: of the MLOps postings that name kubernetes, the share that also name each other
-- skill, and the lift (above 1: together more often than chance).
-- columns: other_skill_id, postings, share_of_skill, both_required_postings, lift, small_cell
select
    other_skill_id,
    postings,
    share_of_skill,
    both_required_postings,
    lift,
    small_cell
from agg_skill_cooccurrence
where role = 'mlops_engineer' and country = 'ALL' and skill_id = 'kubernetes'
order by postings desc, other_skill_id
limit 10;
