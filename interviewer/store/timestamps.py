"""Timestamps as stored: UTC ISO-8601 text, so they sort as text. No pydantic here: the light
read paths (Home's first listing) use it."""

from datetime import UTC, datetime


def ts(value: datetime | None) -> str | None:
    """UTC ISO-8601 text, so timestamps sort as text (a naive datetime is taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
