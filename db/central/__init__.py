"""The department's central PostgreSQL: its schema, roles and receiving points. No Qt.

The counters talk to PostgreSQL directly; the database is the API, and its roles,
row-level security and column privileges decide who may do what
(docs/central-database.md).
"""
