"""The counter's own sync tables (migrations 0002, 0006, 0007): state, serials, what was pulled.

What comes from the centre is kept apart from the counter's dossiers, so a
pulled change is never mistaken for a local one and sent back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base

DEFAULT_OFFLINE_WARNING_MINUTES = 24 * 60


class SyncState(Base):
    """One row: this counter's identity towards the centre, its pull cursor, and the outcome
    of the last rounds."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="ck_sync_state_single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Sent with every operation as its origin; created once with the store.
    device_id: Mapped[str] = mapped_column(String(36))
    # Never with a password (migration 0007 took older ones out): that is in the program's
    # secret store (app.central_secret).
    central_url: Mapped[str | None] = mapped_column(Text)
    # The one host IT staff allowed to be reached without sslmode=verify-full.
    unverified_host: Mapped[str | None] = mapped_column(Text)
    offline_warning_minutes: Mapped[int] = mapped_column(default=DEFAULT_OFFLINE_WARNING_MINUTES)
    # Pull cursor: the change log is read by transaction id, in windows [low, high),
    # and inside a window after a change-log id (db/sync/pull.py).
    pull_low: Mapped[int | None] = mapped_column(BigInteger)
    pull_high: Mapped[int | None] = mapped_column(BigInteger)
    pull_after: Mapped[int] = mapped_column(BigInteger, default=0)
    # The server's time of the last round that succeeded, and the counter's clock then:
    # "offline for" is measured on the counter's clock from that moment.
    last_success_at: Mapped[dt.datetime | None]
    last_success_local: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_local: Mapped[dt.datetime | None]


class LeasedBlock(Base):
    """Serials of one day leased from the centre: numbered before the offline reserve."""

    __tablename__ = "sync_serial_lease"
    __table_args__ = (Index("ix_sync_serial_lease_day", "agency", "day"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the centre's lease id
    agency: Mapped[str] = mapped_column(String(40))
    day: Mapped[dt.date]
    first: Mapped[int]
    last: Mapped[int]
    leased_at: Mapped[dt.datetime]  # server time


class CounterReserve(Base):
    """The offline reserve the centre allocated to this counter when it registered: one row,
    none before (``db.sync.registration``). Numbering reads it (``numbering_blocks``)."""

    __tablename__ = "sync_counter_reserve"
    __table_args__ = (CheckConstraint("id = 1", name="ck_sync_counter_reserve_single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(40))
    counter_number: Mapped[int]
    first: Mapped[int]
    last: Mapped[int]
    # The first day it may be numbered from (None: any day); the centre's reason is a lease
    # that covered some of its serials before.
    valid_from: Mapped[dt.date | None]
    registered_at: Mapped[dt.datetime]  # server time


class WithdrawnSerials(Base):
    """Serials of one day this counter no longer numbers from: the centre refused a code
    among them, so the block (a lease, or the reserve) may overlap someone else's."""

    __tablename__ = "sync_withdrawn_serials"

    agency: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    first: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int]
    withdrawn_at: Mapped[dt.datetime]  # server time


class ReferenceItem(Base):
    """Reference data published by the centre (catalogue versions, holidays, fees, officers)."""

    __tablename__ = "sync_reference_item"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    withdrawn: Mapped[bool]
    version: Mapped[int] = mapped_column(BigInteger)  # the centre's; a lower one never wins
    changed_at: Mapped[dt.datetime]  # server time


class CentralStatus(Base):
    """What the centre says about a dossier of this point (e.g. "result ready for return")."""

    __tablename__ = "sync_central_status"

    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[dt.datetime | None]  # server time
