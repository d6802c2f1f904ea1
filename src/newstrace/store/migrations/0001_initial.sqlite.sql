-- Full-text search on SQLite: FTS5 tables kept in step with the base tables by triggers. They
-- hold their own copy of the text (not external content): an external-content table keys on
-- rowid, which VACUUM may renumber for tables without an INTEGER PRIMARY KEY.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    key UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE attributions_fts USING fts5(
    article_key UNINDEXED, attribution_id UNINDEXED, content, speaker, citing,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (key, title, text) VALUES (new.key, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE key = old.key;
END;
CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO attributions_fts (article_key, attribution_id, content, speaker, citing)
    VALUES (new.article_key, new.attribution_id, new.content, new.speaker, new.citing);
END;
CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
    DELETE FROM attributions_fts WHERE article_key = old.article_key AND attribution_id = old.attribution_id;
END;
