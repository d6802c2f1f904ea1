-- The corpus schema, portable between SQLite and PostgreSQL: keys are computed in Python (no
-- autoincrement), timestamps are ISO-8601 text, lists are JSON text.

-- One row per stored article: content hash + URL make the key, so the same text at two URLs
-- (syndication) is two rows and the same text at the same URL is one.
CREATE TABLE articles (
    key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    url TEXT,
    source TEXT,
    outlet TEXT,
    published TEXT,
    title TEXT,
    agency TEXT,
    byline TEXT,
    text TEXT NOT NULL,
    n_attributions INTEGER NOT NULL,
    n_entities INTEGER NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);

-- Who said what: one row per attribution; outlet and published are copied from the article so the
-- usual filters need no join.
CREATE TABLE attributions (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    attribution_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_key TEXT,
    speaker_entity TEXT,
    speaker_resolution TEXT,
    citing TEXT,
    citing_key TEXT,
    via TEXT NOT NULL,
    cue TEXT,
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    rule TEXT,
    outlet TEXT,
    published TEXT,
    PRIMARY KEY (article_key, attribution_id)
);
CREATE INDEX attributions_speaker_key ON attributions (speaker_key);
CREATE INDEX attributions_outlet ON attributions (outlet);
CREATE INDEX attributions_published ON attributions (published);

-- Every normalized name an attribution is tied to: role 'speaker' (the speaker's name and the
-- aliases of its entities) or 'via' (each outlet or agency in its relay chain, and whom it cites).
CREATE TABLE attribution_names (
    name_key TEXT NOT NULL,
    role TEXT NOT NULL,
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    attribution_id TEXT NOT NULL,
    PRIMARY KEY (name_key, role, article_key, attribution_id)
);
CREATE INDEX attribution_names_article ON attribution_names (article_key);

CREATE TABLE entities (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL,
    roles TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (article_key, entity_id)
);
CREATE INDEX entities_name_key ON entities (name_key);

CREATE TABLE mentions (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (article_key, entity_id, seq)
);

-- Documents that could not be read or analyzed, one row per source locator; 'payload' keeps the
-- document as read (JSON) when there was one, so 'newstrace retry' re-analyzes without re-reading.
CREATE TABLE failures (
    source TEXT PRIMARY KEY,
    stage TEXT,
    error TEXT NOT NULL,
    payload TEXT,
    attempts INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    last_failed_at TEXT NOT NULL
);
