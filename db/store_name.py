"""The store's file name in the data folder, in a module of its own: a command that only
reads the store's file (``db.sync.reference_file``) names it without importing the store's
stack (SQLAlchemy, Alembic), which ``db.store`` needs."""

STORE_FILE = "motcua.sqlite3"
