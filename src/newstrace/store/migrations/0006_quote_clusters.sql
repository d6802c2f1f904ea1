-- Quote clusters (corpus/quotes.py): the same statement carried by several articles. One row per
-- attribution in a cluster of two or more articles; 'seq' orders a cluster first-seen first,
-- 'score' is the member's best link (containment of content words). Rebuilt whole when
-- attributions were stored since the last build (corpus_state remembers how many there were).
CREATE TABLE quote_cluster_members (
    cluster_id TEXT NOT NULL,
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    attribution_id TEXT NOT NULL,
    score REAL NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (article_key, attribution_id)
);
CREATE INDEX quote_cluster_members_cluster ON quote_cluster_members (cluster_id);

-- Small facts about the corpus tables' last builds.
CREATE TABLE corpus_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
