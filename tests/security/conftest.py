"""The security suite: hostile files, names and bytes from outside (issue 11)."""

import sys
from pathlib import Path

import pytest

# the suite's own helpers (hostile.py) and the shared ones in tests/ (store_factories, ...)
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def stored_crafted():
    """Every crafted session, stored; returns their ids."""
    from hostile import crafted_sessions

    from interviewer.settings import load_settings
    from interviewer.store.session_store import SessionStore

    sessions = crafted_sessions()
    with SessionStore.open(load_settings()) as store:
        for session in sessions:
            store.create(session)
    return [s.id for s in sessions]
