"""Versioned schema migrations: ``NNNN_name.sql`` for both backends, ``NNNN_name.<dialect>.sql`` for one.

The common file holds everything portable (tables, indexes); the dialect file holds what differs
(full-text search: FTS5 on SQLite, tsvector + GIN on PostgreSQL). The runner in
:mod:`newstrace.store.base` applies each version once, in order, in one transaction.
"""
