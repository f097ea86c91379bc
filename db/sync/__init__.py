"""Keeping the counter and the central database in step: outbox, push, pull, leases. No Qt.

Light on import: ``capture`` is loaded by ``db.models``; nothing here imports
psycopg until a module that talks to the centre is used.
"""
