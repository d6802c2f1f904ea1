-- The corpus identity of each attribution's speaker, written with the identities (replace_identities):
-- '--speaker' finds an identity's statements through one index instead of joining every mention of
-- it (Kim Jong Il is mentioned in most KCNA stories, quoted in far fewer). Filled here for a store
-- whose identities were built before.
CREATE TABLE speaker_identities (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    attribution_id TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    PRIMARY KEY (article_key, attribution_id)
);
CREATE INDEX speaker_identities_identity ON speaker_identities (identity_id);
INSERT INTO speaker_identities (article_key, attribution_id, identity_id)
SELECT a.article_key, a.attribution_id, ei.identity_id FROM attributions a
JOIN entity_identities ei ON ei.article_key = a.article_key AND ei.entity_id = a.speaker_entity;

-- '--outlet' compares outlets case-insensitively: an index on that, so a rare outlet is not a scan.
CREATE INDEX attributions_outlet_lower ON attributions (lower(outlet));
