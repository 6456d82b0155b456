-- The reps who captured an interaction, with each one's direction, as the API shows them.
-- One definition for every query that lists interactions (latest feed, contact timeline).
create function interaction_reps(p_org uuid, p_interaction uuid) returns jsonb
language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object('email', u.email, 'name', u.name, 'direction', l.direction)
                              order by u.email), '[]'::jsonb)
    from interaction_links l
    join users u on u.org_id = l.org_id and u.id = l.user_id
    where l.org_id = p_org and l.interaction_id = p_interaction
$$;
