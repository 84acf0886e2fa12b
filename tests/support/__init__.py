"""Test support shared by tests and bench scripts (importable as `tests.support`)."""
