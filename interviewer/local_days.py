"""Days as the user lives them (local time): what "due today" counts up to, and how a due
date is said ("tomorrow", "in 3 days"). No third-party imports: Home's first paint uses it."""

from datetime import datetime, time


def end_of_day(now: datetime) -> datetime:
    """The last moment of `now`'s local day (what "due today" counts up to)."""
    local = now.astimezone()
    return datetime.combine(local.date(), time.max, tzinfo=local.tzinfo)


def is_due(due: datetime, now: datetime) -> bool:
    """Due today or earlier (local days)."""
    return due <= end_of_day(now)


def days_until(due: datetime, now: datetime) -> int:
    """Whole local days from today to the due date (0: today, negative: overdue)."""
    return (due.astimezone().date() - now.astimezone().date()).days


def comes_back(due: datetime | None, now: datetime) -> str:
    """'today', 'tomorrow', 'in 3 days', 'on 12 Dec 2026' — when a question is asked again."""
    if due is None:
        return "—"
    days = days_until(due, now)
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 14:
        return f"in {days} days"
    return "on " + due.astimezone().strftime("%d %b %Y").lstrip("0")
