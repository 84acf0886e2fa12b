"""Sessions and history in SQLite (stdlib sqlite3, WAL), progress, and exports.

The store never imports the engine or an LLM backend: it persists domain objects only.
"""

from interviewer.store.db import StoreError

__all__ = ["StoreError"]
