"""The store's own exceptions: the app and the commands turn them into messages."""

from __future__ import annotations


class StoreError(Exception):
    """Base of everything the store raises on purpose."""


class NotATertialFile(StoreError):
    """The path is not a tertial database (or is damaged); nothing was written to it."""


class NewerSchema(StoreError):
    """The file was written by a newer tertial; opening it here could damage it."""


class ReadOnlyFile(StoreError):
    """A write was attempted on a file opened read-only."""


class NotFound(StoreError):
    """A report, goal, indicator, activity or section that does not exist."""


class InvalidValue(StoreError):
    """The model refused a value; `field` is the report's label for where it was typed."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.field = field
        self.reason = reason


class Conflict(StoreError):
    """The value changed on disk since it was shown; nothing was written."""

    def __init__(self, field: str, shown: str, on_disk: str) -> None:
        super().__init__(
            f"{field} har ändrats av någon annan sedan det visades: "
            f"visat {shown!r}, i filen nu {on_disk!r}"
        )
        self.field = field
        self.shown = shown
        self.on_disk = on_disk


class StorageFull(StoreError):
    """The disk (or the file system) is full; the change was not saved."""
