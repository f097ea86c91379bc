"""Registering this counter at the centre: the offline reserve it may number from.

Every round starts with it (``db.sync.round``): the counter sends its counter number,
its device id and the size of reserve its settings ask for to
``motcua.register_counter``, which returns the reserve the centre holds for it — the
one allocated at the first registration, inside the agency's reserve zone and clear of
every other counter's reserve and of current leases. The counter keeps a copy
(``sync_counter_reserve``) and numbers offline from that copy only.

Two PCs claiming one counter number of a point are refused; so is a PC whose counter
was taken over by a replacement, which then forgets its copy at once (two PCs never
number from one reserve). Asking again is harmless: the same device gets the same
reserve.

Then the public half of the counter's card signing key (schema 8): sent once, through
``motcua.register_card_key``, which accepts it only from the PC registered as that
counter and never replaces a key registered before; the store notes the centre's time of
registration (``card_signing_key.registered_at``) and does not send it again.
"""

from __future__ import annotations

import datetime as dt

import psycopg

from db.card_batches import key_registered, signing_keys_to_register
from db.central.schema import SCHEMA
from db.store import Store
from db.sync.connection import Connection
from db.sync.errors import SyncError
from db.sync.serials import (
    RegisteredReserve,
    forget_registered_reserve,
    save_registered_reserve,
)
from db.sync.server_time import naive_utc

# SQLSTATEs raised by motcua.register_counter (db/central/migrations/versions/c0003).
COUNTER_TAKEN = "MT001"  # the counter belongs to another PC
NO_ROOM = "MT002"  # the agency's reserve zone has no free run of that size
OTHER_SIZE = "MT003"  # the counter's reserve at the centre has another size
_REFUSALS = (COUNTER_TAKEN, NO_ROOM, OTHER_SIZE, "22023")
# SQLSTATEs raised by motcua.register_card_key (c0008): not this counter's PC, another key
# registered already, not a key.
_KEY_REFUSALS = ("42501", "23505", "22023")


class RegistrationRefused(SyncError):
    """The centre refuses this counter's registration; the message says what to change."""


class CardKeyRefused(SyncError):
    """The centre refuses this counter's card signing key; the message says why."""


def register_counter(
    connection: Connection,
    store: Store,
    *,
    device_id: str,
    agency: str,
    counter_number: int,
    size: int,
) -> RegisteredReserve:
    """The reserve the centre holds for this counter (allocated now if it had none), kept
    in the store; ``RegistrationRefused`` when the centre refuses."""
    try:
        with connection.transaction():
            row = connection.execute(
                "SELECT agency_code, counter_number, first_serial, last_serial, valid_from, "
                f"now() FROM {SCHEMA}.register_counter(%s, %s, %s)",
                [counter_number, device_id, size],
            ).fetchone()
    except psycopg.Error as error:
        if error.sqlstate not in _REFUSALS:
            raise
        if error.sqlstate == COUNTER_TAKEN:
            with store.transaction() as session:
                forget_registered_reserve(session)
        raise RegistrationRefused(
            f"the centre refused to register counter {counter_number}: "
            f"{error.diag.message_primary or type(error).__name__}"
        ) from error
    assert row is not None, "register_counter returns the counter's row"
    moment: dt.datetime = row[5]
    reserve = RegisteredReserve(row[0], row[1], row[2], row[3], row[4], naive_utc(moment))
    with store.transaction() as session:
        save_registered_reserve(session, reserve)
    if reserve.agency != agency:
        raise RegistrationRefused(
            f"this counter's agency_code is {agency} but its point belongs to {reserve.agency} "
            "at the centre: the counter does not number from its reserve until IT staff "
            "align them"
        )
    return reserve


def register_card_keys(
    connection: Connection, store: Store, *, device_id: str, counter_number: int
) -> list[str]:
    """Send the counter's card signing keys the centre has not registered yet (in practice
    one), each once; the keys registered now. ``CardKeyRefused`` when the centre refuses."""
    registered = []
    for public_key in signing_keys_to_register(store):
        try:
            with connection.transaction():
                row = connection.execute(
                    f"SELECT registered_at FROM {SCHEMA}.register_card_key(%s, %s, %s)",
                    [counter_number, device_id, public_key],
                ).fetchone()
        except psycopg.Error as error:
            if error.sqlstate not in _KEY_REFUSALS:
                raise
            raise CardKeyRefused(
                f"the centre refused the card signing key of counter {counter_number}: "
                f"{error.diag.message_primary or type(error).__name__}"
            ) from error
        assert row is not None, "register_card_key returns the registration"
        key_registered(store, public_key, naive_utc(row[0]))
        registered.append(public_key)
    return registered
