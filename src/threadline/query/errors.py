"""The query layer's errors by what went wrong, so every caller answers them alike: the
CLI prints the line, the HTTP API maps the class to a status in one handler (404 for
`NotInStore`, 409 for `Contradiction`, 400 for any other ThreadlineError) instead of
each route catching and re-raising."""

from __future__ import annotations

from threadline.errors import ThreadlineError


class NotInStore(ThreadlineError):
    """An id or a name the store does not hold (the API answers 404)."""


class UnknownEntity(NotInStore):
    """No entity has this id, or answers to this name (`name`: the name asked for, which
    the CLI turns into a hint to search for it)."""

    def __init__(self, message: str, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name


class UnknownRecord(NotInStore):
    """No fact or event has this id."""


class UnknownStory(NotInStore):
    """No story has this id."""


class Contradiction(ThreadlineError):
    """A correction the store's current state makes void: merging an entity with itself or
    across types without force, splitting off an alias the entity no longer has, or a split
    that would change nothing (the API answers 409: the request was understood, and would
    make sense against another state of the store)."""
