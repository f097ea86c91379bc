"""What an operation changed, so that every screen can refresh itself from it.

Anki's ``OpChanges`` is the model: an operation that writes returns its result
together with a ``Changes`` that says which kinds of data it touched. The
window hands the ``Changes`` to every screen after the operation; a screen
that shows dossiers refreshes when ``dossiers`` is set, the status bar when
``sync_state`` is set, and so on. No screen calls another to refresh it, and
an operation added later (hand-over, day close) is shown everywhere it
matters by saying what it changed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Kinds of data an operation changed; ``a | b`` is what either changed."""

    dossiers: bool = False  # a dossier, a round, its status, due date or code
    slips: bool = False  # a paper printed or reprinted (the print record)
    settings: bool = False  # the counter's settings
    sync_state: bool = False  # the outbox or the sync state
    cards: bool = False  # a card record's state: exported in a batch, answered, released

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{
                field.name: getattr(self, field.name) or getattr(other, field.name)
                for field in dataclasses.fields(self)
            }
        )

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in dataclasses.fields(self))


NOTHING = Changes()
# A stored dossier also wrote its operations to the outbox for the centre.
DOSSIER_STORED = Changes(dossiers=True, sync_state=True)
SLIP_RECORDED = Changes(slips=True, sync_state=True)
SETTINGS_SAVED = Changes(settings=True)
# A card batch, an operator's answer or a release: card states, synced to the centre.
CARD_STATE_RECORDED = Changes(cards=True, sync_state=True)


@dataclass(frozen=True)
class Done(Generic[T]):
    """The typed result of an operation that writes, and what it changed."""

    result: T
    changes: Changes
