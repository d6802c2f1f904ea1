-- Full-text search on PostgreSQL: stored tsvector columns with GIN indexes. Text is cut at
-- 200,000 characters because a tsvector is limited to 1 MB.
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('english', coalesce(title, '') || ' ' || left(text, 200000))
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
ALTER TABLE attributions ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('english', left(content, 200000) || ' ' || coalesce(speaker, '') || ' ' || coalesce(citing, ''))
) STORED;
CREATE INDEX attributions_search ON attributions USING GIN (search);
