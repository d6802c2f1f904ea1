-- Persuasion spans and the outlet's own-voice sentences as tables, so "loaded language in the
-- outlet's own voice vs in quotes, per outlet and month" is a GROUP BY, not a scan of the JSON
-- records. Filled from each record at save; migration 7 fills them for stored articles (Python
-- backfill, Store.BACKFILLS). 'voice' is 'outlet' or 'attributed'; 'speaker' is the speaker of the
-- attribution an attributed span lies in.
CREATE TABLE persuasion_spans (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    technique TEXT NOT NULL,
    voice TEXT NOT NULL,
    attribution_id TEXT,
    speaker TEXT,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    score REAL NOT NULL,
    outlet TEXT,
    published TEXT,
    PRIMARY KEY (article_key, seq)
);
CREATE INDEX persuasion_spans_outlet ON persuasion_spans (outlet, published);
CREATE INDEX persuasion_spans_technique ON persuasion_spans (technique, voice);

CREATE TABLE own_voice (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_key, seq)
);
