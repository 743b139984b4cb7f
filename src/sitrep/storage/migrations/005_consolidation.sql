-- Cross-article consolidation: the order in which events were founded (the oldest survives a
-- merge and keeps its id) and the ids of events merged into others (so old links still work).
CREATE SEQUENCE event_seq START 1;
ALTER TABLE events ADD COLUMN founded_seq BIGINT;
UPDATE events SET founded_seq = nextval('event_seq');
CREATE TABLE event_aliases (
    alias     VARCHAR PRIMARY KEY,
    event_id  VARCHAR NOT NULL,
    merged_at TIMESTAMP NOT NULL
);
CREATE INDEX mentions_type_when ON mentions(event_type, when_start);
-- what blocking reads without joins: the precision of the mention's place and its article's
-- publication date; a mention not yet placed in an event has event_id ''
ALTER TABLE mentions ADD COLUMN place_precision VARCHAR;
ALTER TABLE mentions ADD COLUMN published DATE;
UPDATE mentions SET published = (
    SELECT a.published FROM articles a WHERE a.article_id = mentions.article_id
);
