-- The record's time expressions as a table: each with its resolved value ('2025-10-24', '2011'),
-- how far it was resolved ('day', 'month', 'year', ...), its role ('published', 'dateline',
-- 'mention') and its offsets. Filled at save and, by migration 9, from stored records.
CREATE TABLE times (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    value TEXT,
    resolution TEXT NOT NULL,
    role TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_key, seq)
);
CREATE INDEX times_value ON times (value);
