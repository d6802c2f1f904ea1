-- Corpus identities (corpus/identities.py): one per person or organization across articles, each
-- entity of each article assigned to one with the rule that did it ('name', 'alias', 'surname',
-- 'surname-ambiguous') and its score (for 'surname': the identity's share of the articles naming
-- anyone of that surname in full). Rebuilt whole when articles were added since the last build.
CREATE TABLE identities (
    identity_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    n_mentions INTEGER NOT NULL,
    key TEXT NOT NULL
);
CREATE INDEX identities_type ON identities (type);

CREATE TABLE entity_identities (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (article_key, entity_id)
);
CREATE INDEX entity_identities_identity ON entity_identities (identity_id);

-- Every written form of an identity's names and aliases, by normalized key: what '--speaker'
-- and 'identities --name' look up.
CREATE TABLE identity_aliases (
    identity_id TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (identity_id, alias_key, alias)
);
CREATE INDEX identity_aliases_key ON identity_aliases (alias_key);
