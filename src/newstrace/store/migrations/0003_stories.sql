-- Stories (corpus/stories.py): what the grouper knows of each article, and which story it is in.
-- Filled after ingest ('newstrace stories' fills what is missing); a store moved forward by this
-- migration gets its stories the first time they are asked for.

-- The article's lead as the grouper sees it: a unit-length MiniLM embedding (base64 of 384
-- little-endian float32), its content words (JSON list) and its publication day (ordinal).
CREATE TABLE article_features (
    article_key TEXT PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
    model TEXT NOT NULL,
    day INTEGER,
    embedding TEXT NOT NULL,
    words TEXT NOT NULL
);

CREATE TABLE stories (
    story_id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    first_day INTEGER,
    last_day INTEGER,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL
);
CREATE INDEX stories_last_day ON stories (last_day);
CREATE INDEX stories_first_published ON stories (first_published);

-- One row per article in a story; 'score' is its mean similarity to the story when it joined
-- (1.0 for the article that started it).
CREATE TABLE story_articles (
    article_key TEXT PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    score REAL NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);
