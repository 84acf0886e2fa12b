"""File names built from data (a session id, a deck name) must never leave their folder."""

from pathlib import Path

from interviewer.store.db import StoreError


class PathOutsideFolder(StoreError):
    """A file name built from data would point outside the folder it belongs in."""


def file_in_folder(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it resolves (symlinks followed) to a file directly
    inside `folder`: no separators, no `..`, no absolute name, no link that points out."""
    base = Path(folder).resolve()
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise PathOutsideFolder(f"refused to write {name!r}: a file name built from the data "
                                f"must stay inside {base}")
    target = (base / name).resolve()
    if target.parent != base:
        raise PathOutsideFolder(f"refused to write {name!r}: it resolves to {target}, outside "
                                f"{base}")
    return target
