"""Persistence: the counter's local SQLite store (and, later, the central database). No Qt."""
