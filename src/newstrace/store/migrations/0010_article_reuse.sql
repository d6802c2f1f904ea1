-- Near-verbatim reuse (corpus/reuse.py): an article whose body is mostly the words of an earlier
-- article of another outlet in the same story. One row per reusing article, with the article it
-- reuses and the share of its 6-word runs found there. Rebuilt whole when stories changed.
CREATE TABLE article_reuse (
    article_key TEXT PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
    source_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    containment REAL NOT NULL
);
CREATE INDEX article_reuse_source ON article_reuse (source_key);
