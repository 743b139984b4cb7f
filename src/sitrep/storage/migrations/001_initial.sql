-- sitrep schema v1: articles, mentions (with their actors), events, status history, failures.
CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,
    input_id     VARCHAR,
    url          VARCHAR,
    outlet       VARCHAR,
    title        VARCHAR,
    published    DATE,
    language     VARCHAR,
    source       VARCHAR,
    fetched_at   TIMESTAMP,
    ingested_at  TIMESTAMP NOT NULL,
    warnings     VARCHAR NOT NULL,  -- JSON list of strings
    text         VARCHAR NOT NULL,
    analysis     VARCHAR NOT NULL,  -- JSON: places, times, quotes, attributions (DESIGN.md §7)
    analysed_with VARCHAR NOT NULL  -- sitrep version and spaCy pipeline
);

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,  -- the mention_id of the founding mention
    event_type     VARCHAR NOT NULL,
    mode           VARCHAR,
    acled_type     VARCHAR,
    acled_subtype  VARCHAR,
    status         VARCHAR NOT NULL,
    when_start     DATE,
    when_end       DATE,
    when_granularity VARCHAR,
    when_resolved  BOOLEAN NOT NULL,
    place_name     VARCHAR,
    geonameid      BIGINT,
    lat            DOUBLE,
    lon            DOUBLE,
    country        VARCHAR,
    admin1         VARCHAR,
    n_mentions     INTEGER NOT NULL,
    n_articles     INTEGER NOT NULL,
    first_published DATE,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE mentions (
    mention_id     VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL REFERENCES articles(article_id),
    event_id       VARCHAR NOT NULL,
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    trigger        VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    event_type     VARCHAR NOT NULL,
    mode           VARCHAR,
    acled_type     VARCHAR,
    acled_subtype  VARCHAR,
    confidence     DOUBLE NOT NULL,
    modality       VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    claim_source   VARCHAR,
    claim_country  VARCHAR,
    claim_stance   VARCHAR NOT NULL,
    when_start     DATE,
    when_end       DATE,
    when_resolved  BOOLEAN NOT NULL,
    place_name     VARCHAR,
    geonameid      BIGINT,
    lat            DOUBLE,
    lon            DOUBLE,
    country        VARCHAR,
    data           VARCHAR NOT NULL  -- the full mention JSON (DESIGN.md §7)
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE mention_actors (
    mention_id   VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,  -- actor | recipient | source
    name         VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    country      VARCHAR,
    sector       VARCHAR
);
CREATE INDEX mention_actors_mention ON mention_actors(mention_id);

CREATE TABLE event_history (
    event_id     VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    status       VARCHAR NOT NULL,
    on_date      DATE,
    mention_id   VARCHAR NOT NULL,
    source       VARCHAR,
    stance       VARCHAR NOT NULL,
    PRIMARY KEY (event_id, seq)
);

CREATE TABLE failures (
    source       VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,
    article_id   VARCHAR,
    occurred_at  TIMESTAMP NOT NULL
);
