-- communique archive (PostgreSQL), migration 10: the key of a directed act
-- names its sources, as schema/010_directed_keys.sql says for SQLite.
UPDATE events e SET party_key = e.party_key || '|>' || k.codes
  FROM (SELECT ea.event_id, string_agg(DISTINCT a.code, '|' ORDER BY a.code) AS codes
          FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
          WHERE ea.role = 0 AND a.code <> '' GROUP BY ea.event_id) k
  WHERE k.event_id = e.id AND e.party_key NOT LIKE 'hand|%'
    AND NOT EXISTS (SELECT 1 FROM event_base b WHERE b.event_id = e.id)
    AND EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                WHERE ea.event_id = e.id AND ea.role = 1 AND a.code <> '');
UPDATE event_base b SET party_key = b.party_key || '|>' || k.codes
  FROM (SELECT b2.event_id, string_agg(DISTINCT j->>1, '|' ORDER BY j->>1) AS codes
          FROM event_base b2, json_array_elements(b2.actors::json) j
          WHERE (j->>3)::integer = 0 AND coalesce(j->>1, '') <> '' GROUP BY b2.event_id) k
  WHERE k.event_id = b.event_id AND b.party_key NOT LIKE 'hand|%'
    AND EXISTS (SELECT 1 FROM json_array_elements(b.actors::json) t
                WHERE (t->>3)::integer = 1 AND coalesce(t->>1, '') <> '');
UPDATE events e SET party_key = b.party_key FROM event_base b WHERE b.event_id = e.id;
