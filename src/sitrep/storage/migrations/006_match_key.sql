-- The fields matching needs, as a small JSON object, so consolidation need not parse each
-- candidate's full mention JSON. Rows from before this migration keep NULL (the code then
-- reads the full JSON).
ALTER TABLE mentions ADD COLUMN match_key VARCHAR;
