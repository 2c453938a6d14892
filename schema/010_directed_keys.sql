-- communique archive, migration 10: the key of a directed act names its sources.
--
-- Extraction finds an event again by its key (type, status, the sorted codes
-- of its parties): Russia's expulsion of US diplomats and the US expulsion
-- of Russian diplomats had one key, so a report telling both (a tit-for-tat,
-- the commonest story of the kind) stored one event. A directed act aimed
-- at a coded party now adds "|>" and its sources' sorted codes; the keys
-- stored before are rewritten the same way (the store computes new ones in
-- store_events.c, party_key), so re-importing finds the same events and a
-- curated event keeps its curations. Events people added ("hand|N") keep
-- theirs.
UPDATE events SET party_key = party_key || '|>' || (
    SELECT group_concat(code, '|') FROM (
      SELECT DISTINCT a.code AS code FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
      WHERE ea.event_id = events.id AND ea.role = 0 AND a.code <> '' ORDER BY a.code))
  WHERE party_key NOT LIKE 'hand|%'
    AND NOT EXISTS (SELECT 1 FROM event_base b WHERE b.event_id = events.id)
    AND EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                WHERE ea.event_id = events.id AND ea.role = 0 AND a.code <> '')
    AND EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                WHERE ea.event_id = events.id AND ea.role = 1 AND a.code <> '');
-- A curated event: what extraction found is in event_base (actors as
-- [name, code, kind, role, title]); its own row takes the same key.
UPDATE event_base SET party_key = party_key || '|>' || (
    SELECT group_concat(code, '|') FROM (
      SELECT DISTINCT json_extract(value, '$[1]') AS code FROM json_each(event_base.actors)
      WHERE json_extract(value, '$[3]') = 0 AND coalesce(json_extract(value, '$[1]'), '') <> ''
      ORDER BY 1))
  WHERE party_key NOT LIKE 'hand|%'
    AND EXISTS (SELECT 1 FROM json_each(event_base.actors)
                WHERE json_extract(value, '$[3]') = 0 AND coalesce(json_extract(value, '$[1]'), '') <> '')
    AND EXISTS (SELECT 1 FROM json_each(event_base.actors)
                WHERE json_extract(value, '$[3]') = 1 AND coalesce(json_extract(value, '$[1]'), '') <> '');
UPDATE events SET party_key = (SELECT party_key FROM event_base b WHERE b.event_id = events.id)
  WHERE EXISTS (SELECT 1 FROM event_base b WHERE b.event_id = events.id);
