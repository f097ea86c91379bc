"""The local store's tables, as SQLAlchemy 2 typed models.

A dossier is received in *rounds*: the first visit, and each return with the
papers BM 02 asked for. Every round keeps the request, the evaluation and the
items presented as they were, so the history of a dossier is never rewritten.
Ids are UUIDv7 text, ready for the central database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from db.ids import new_id
from db.sync.capture import (
    OUTBOX_TABLE,
    forget_gathered,
    record_insert,
    record_update,
    write_flushed,
)


class Base(DeclarativeBase):
    pass


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        UniqueConstraint("code_agency", "code_day", "code_serial", name="uq_dossier_serial"),
        Index("ix_dossier_received_at", "received_at"),
        Index("ix_dossier_id_number", "applicant_id_number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Given when the dossier is accepted (BM 01); <agency>-<YYMMDD>-<NNNN>.
    code: Mapped[str | None] = mapped_column(String(60), unique=True)
    code_agency: Mapped[str | None] = mapped_column(String(40))
    code_day: Mapped[dt.date | None]
    code_serial: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20))  # accepted | awaiting-supplement | refused
    procedure_id: Mapped[str] = mapped_column(String(40))
    subcase: Mapped[str | None] = mapped_column(String(4))
    channel: Mapped[str] = mapped_column(String(10))
    catalogue_version: Mapped[str] = mapped_column(String(60))
    applicant_name: Mapped[str] = mapped_column(String(300))
    applicant_id_number: Mapped[str] = mapped_column(String(20))
    applicant_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime | None]
    due_explanation_json: Mapped[str | None] = mapped_column(Text)
    fee_vnd: Mapped[int]
    result_delivery: Mapped[str] = mapped_column(String(10))  # counter | post
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    officer: Mapped[str] = mapped_column(String(100))
    receiving_point: Mapped[str] = mapped_column(String(300))
    counter_number: Mapped[int]

    rounds: Mapped[list[ReceptionRound]] = relationship(
        back_populates="dossier", order_by="ReceptionRound.number"
    )
    licences: Mapped[list[DossierLicence]] = relationship(back_populates="dossier")
    slips: Mapped[list[Slip]] = relationship(back_populates="dossier")
    reappointment: Mapped[Reappointment | None] = relationship()
    photos: Mapped[list[DossierPhoto]] = relationship(
        back_populates="dossier", order_by="DossierPhoto.taken_at"
    )
    corrections: Mapped[list[DossierCorrection]] = relationship(
        order_by="DossierCorrection.revision"
    )


class DossierLicence(Base):
    """A licence the applicant holds, as recorded. A correction of the dossier never
    deletes one: it marks the rows it replaces (``replaced_in``, its revision) and adds
    the corrected ones, so the licences of a dossier are its rows not replaced."""

    __tablename__ = "dossier_licence"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    classes: Mapped[str] = mapped_column(String(100))  # space-separated
    issue_date: Mapped[dt.date | None]
    expiry_date: Mapped[dt.date | None]
    issuing_authority: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(String(20))
    material: Mapped[str | None] = mapped_column(String(10))  # None: not recorded
    country: Mapped[str | None] = mapped_column(String(2))  # a foreign licence's, ISO alpha-2
    # The revision of the correction that replaced this row; None while it is current.
    replaced_in: Mapped[int | None]

    dossier: Mapped[Dossier] = relationship(back_populates="licences")


class ReceptionRound(Base):
    """One visit: the first receipt, or a return with the missing papers."""

    __tablename__ = "reception_round"
    __table_args__ = (UniqueConstraint("dossier_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    number: Mapped[int]
    received_at: Mapped[dt.datetime]
    verdict: Mapped[str] = mapped_column(String(12))
    request_json: Mapped[str] = mapped_column(Text)
    evaluation_json: Mapped[str] = mapped_column(Text)
    officer: Mapped[str] = mapped_column(String(100))

    dossier: Mapped[Dossier] = relationship(back_populates="rounds")
    items: Mapped[list[PresentedItemRow]] = relationship(back_populates="round")


class PresentedItemRow(Base):
    """A checklist row of one round: what the catalogue asked and what was handed in."""

    __tablename__ = "presented_item"
    __table_args__ = (UniqueConstraint("round_id", "item_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    round_id: Mapped[str] = mapped_column(ForeignKey("reception_round.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(60))
    item_name: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int]
    presented_form: Mapped[str] = mapped_column(String(30))
    presented_count: Mapped[int]
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(Text)

    round: Mapped[ReceptionRound] = relationship(back_populates="items")


class Slip(Base):
    """Every paper printed for a dossier (BM 01, BM 02, BM 03), reprints included."""

    __tablename__ = "slip"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    round_id: Mapped[str | None] = mapped_column(ForeignKey("reception_round.id"))
    kind: Mapped[str] = mapped_column(String(10))
    printed_at: Mapped[dt.datetime]
    print_number: Mapped[int]  # 1 for the first print; a reprint is "BẢN IN LẠI" n
    officer: Mapped[str] = mapped_column(String(100))

    dossier: Mapped[Dossier] = relationship(back_populates="slips")


class Reappointment(Base):
    """At most one per dossier (Decree 61/2018 art. 19): the unique key enforces it."""

    __tablename__ = "reappointment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), unique=True)
    previous_due_at: Mapped[dt.datetime]
    new_due_at: Mapped[dt.datetime]
    reason: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime]
    officer: Mapped[str] = mapped_column(String(100))


class DossierCorrection(Base):
    """A correction of a stored dossier's applicant or licences: its own revision (1, 2, …
    per dossier), who made it, when and why, and those parts of the request before and
    after (JSON). The round it corrected (the latest) holds the corrected request."""

    __tablename__ = "dossier_correction"
    __table_args__ = (
        UniqueConstraint("dossier_id", "revision", name="uq_dossier_correction_revision"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("reception_round.id"))
    revision: Mapped[int]
    corrected_at: Mapped[dt.datetime]
    officer: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    fields_json: Mapped[str] = mapped_column(Text)  # the request paths changed, a JSON list
    before_json: Mapped[str] = mapped_column(Text)  # {"applicant": …, "licences": […]}
    after_json: Mapped[str] = mapped_column(Text)


class DossierVoid(Base):
    """A stored dossier voided by a supervisor: when, by whom, approved by whom, and why.

    The dossier and its history stay as they were (never deleted, here or at the
    centre); this row says it no longer counts and no paper is printed for it."""

    __tablename__ = "dossier_void"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), unique=True)
    voided_at: Mapped[dt.datetime]
    officer: Mapped[str] = mapped_column(String(100))  # the name, as on the dossier's papers
    actor: Mapped[str] = mapped_column(String(40))  # the login of who voided it
    reason: Mapped[str] = mapped_column(Text)


# A dossier's status after reception (issue 14); no row: still "received".
STATUS_CHANGES = ("forwarded", "result-ready", "not-granted", "returned", "withdrawn")


class DossierStatusChange(Base):
    """One change of an accepted dossier's status: forwarded to the processing unit, its
    result ready (or a refusal letter: not granted), returned, withdrawn.

    Append-only and synced (insert-only at the centre): the current status is the latest
    change (no row: received). Who (the name as on the papers, the login), when, where
    (the counter and the store's device) and the change's own data (``details_json``:
    the collector, proxy, post and originals of a return; the result's reference). A
    status is reached once per dossier (the unique key), so two counters handing back
    the same dossier offline collide at the centre instead of merging."""

    __tablename__ = "dossier_status_change"
    __table_args__ = (
        UniqueConstraint("dossier_id", "status", name="uq_dossier_status_change_status"),
        CheckConstraint(
            "status IN ({})".format(", ".join(f"'{status}'" for status in STATUS_CHANGES)),
            name="ck_dossier_status_change_status",
        ),
        Index("ix_dossier_status_change_changed_at", "changed_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[dt.datetime]
    officer: Mapped[str] = mapped_column(String(100))  # the name, as on the papers
    actor: Mapped[str] = mapped_column(String(40))  # the login; approver in details
    agency: Mapped[str | None] = mapped_column(String(40))
    point: Mapped[str | None] = mapped_column(String(300))
    counter_number: Mapped[int | None]
    device_id: Mapped[str] = mapped_column(String(36))
    details_json: Mapped[str] = mapped_column(Text, default="{}")


# A day closed at a counter (issue 15, migration 0011).
class DayClose(Base):
    """A day closed at this counter: when, by whom, what the centre agreed with.

    Insert-only (migration 0011's triggers); not synced as a row: the centre records
    the close in the call that checks it (c0007's ``record_day_close``)."""

    __tablename__ = "day_close"
    __table_args__ = (UniqueConstraint("day", "counter_number", name="uq_day_close_day_counter"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    day: Mapped[dt.date]
    agency: Mapped[str] = mapped_column(String(40))
    counter_number: Mapped[int]
    closed_at: Mapped[dt.datetime]  # the counter's clock, local
    officer: Mapped[str] = mapped_column(String(100))  # the name, as on the papers
    actor: Mapped[str] = mapped_column(String(40))  # the login
    dossier_count: Mapped[int]
    digest: Mapped[str] = mapped_column(String(64))
    central_id: Mapped[str | None] = mapped_column(String(36))  # None: no central database


# The PET card's batches and each dossier's card states (issue 16, migration 0012).
CARD_STATES = ("exported", "acknowledged", "rejected", "released")
# The "previous signature" of a counter's first batch (printing.card_batch.GENESIS_SIGNATURE).
CARD_GENESIS_SIGNATURE = "0" * 128


class CardBatch(Base):
    """A batch of card records handed to the card-printing system: its folder's name, who
    made it where, how many records, its Ed25519 signature and the previous batch's.

    Insert-only and synced (migration 0012's triggers; insert-only at the centre). Each
    counter's batches form a chain: a batch names the signature of the device's previous
    batch (``CARD_GENESIS_SIGNATURE`` for the first), and the chain cannot fork (one batch
    per device and previous signature)."""

    __tablename__ = "card_batch"
    __table_args__ = (
        UniqueConstraint("device_id", "previous_signature", name="uq_card_batch_chain"),
        UniqueConstraint("device_id", "day", "sequence", name="uq_card_batch_sequence"),
        # Per device: another counter's batch (fetched with a dossier) may bear the same name.
        UniqueConstraint("device_id", "batch_name", name="uq_card_batch_name"),
        CheckConstraint("record_count >= 1", name="ck_card_batch_record_count"),
        CheckConstraint("sequence BETWEEN 1 AND 999", name="ck_card_batch_sequence"),
        CheckConstraint(
            "length(signature) = 128 AND length(previous_signature) = 128",
            name="ck_card_batch_signatures",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    batch_name: Mapped[str] = mapped_column(String(80))  # GPLX_<point>_<day>_<seq>
    agency: Mapped[str | None] = mapped_column(String(40))
    point: Mapped[str] = mapped_column(String(300))
    counter_number: Mapped[int]
    day: Mapped[dt.date]
    sequence: Mapped[int]
    officer: Mapped[str] = mapped_column(String(100))  # the name, as on the papers
    actor: Mapped[str] = mapped_column(String(40))  # the login
    record_count: Mapped[int]
    signature: Mapped[str] = mapped_column(String(128))  # hex Ed25519 of the tag manifest
    previous_signature: Mapped[str] = mapped_column(String(128))
    device_id: Mapped[str] = mapped_column(String(36))
    made_at: Mapped[dt.datetime]  # the counter's clock (the centre's created_at is its own)


class CardStateChange(Base):
    """One step of a dossier's card: exported in a batch, acknowledged or rejected by the
    card-printing operator (with the reason), released by a supervisor so it may be
    exported again (with the reason).

    Insert-only and synced. A dossier reaches each state once per batch (the unique key);
    its current state is the last step of the last batch it entered (``db.card_batches``)."""

    __tablename__ = "card_state_change"
    __table_args__ = (
        UniqueConstraint("dossier_id", "batch_id", "state", name="uq_card_state_change_step"),
        CheckConstraint(
            "state IN ({})".format(", ".join(f"'{state}'" for state in CARD_STATES)),
            name="ck_card_state_change_state",
        ),
        CheckConstraint(
            "state = 'released' OR batch_id IS NOT NULL", name="ck_card_state_change_batch"
        ),
        CheckConstraint(
            "state NOT IN ('rejected', 'released') OR length(trim(coalesce(reason, ''))) > 0",
            name="ck_card_state_change_reason",
        ),
        Index("ix_card_state_change_batch_id", "batch_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    state: Mapped[str] = mapped_column(String(20))
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("card_batch.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime]  # the counter's clock
    officer: Mapped[str] = mapped_column(String(100))  # the name, as on the papers
    actor: Mapped[str] = mapped_column(String(40))  # the login
    approved_by: Mapped[str | None] = mapped_column(String(40))  # a supervisor's login
    agency: Mapped[str | None] = mapped_column(String(40))
    point: Mapped[str | None] = mapped_column(String(300))
    counter_number: Mapped[int | None]
    device_id: Mapped[str] = mapped_column(String(36))


class CardSigningKey(Base):
    """The public half of this counter's batch-signing key, and when the centre registered
    it (None: not yet; the next sync round sends it, once). Not synced as a row: the centre
    takes it through ``motcua.register_card_key`` (c0008). The private half is never in the
    store (``app.card.signing_key``)."""

    __tablename__ = "card_signing_key"

    public_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # 32 bytes, hex
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime]  # the counter's clock
    registered_at: Mapped[dt.datetime | None]  # the centre's time, naive UTC


class OutboxOperation(Base):
    """A change waiting for the central database, written in the transaction that made it.

    ``state`` is pending until the centre's commit returned (then sent), or
    rejected with the centre's ``reason``; ``settled_at`` is the server's time.
    """

    __tablename__ = OUTBOX_TABLE
    # AUTOINCREMENT: a sequence number is never reused, even after sent operations
    # are pruned, so the centre can always tell an older write of a row from a newer one.
    __table_args__ = (
        Index("ix_sync_outbox_state_seq", "state", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    stream: Mapped[str] = mapped_column(String(36))  # the dossier the row belongs to
    payload: Mapped[str] = mapped_column(Text)  # the row as JSON
    byte_size: Mapped[int]  # payload plus content sent beside it (a photo's bytes)
    state: Mapped[str] = mapped_column(String(10))  # pending | sent | rejected
    reason: Mapped[str | None] = mapped_column(Text)
    settled_at: Mapped[dt.datetime | None]


# Every insert or update of a synced table writes its outbox operation in the same
# flush, hence the same transaction: no writer (receiving, re-appointing, printing a
# slip) can forget one, and a crash keeps both or neither (db/sync/capture.py).
event.listen(Base, "after_insert", record_insert, propagate=True)
event.listen(Base, "after_update", record_update, propagate=True)
# Gathered during the flush, written in one statement at its end (still inside it).
event.listen(Session, "before_flush", forget_gathered)
event.listen(Session, "after_flush", write_flushed)


class DossierPhoto(Base):
    """The applicant's photo taken at the counter: the 354×472 crop for the card, and the
    original frame it was cut from, each with its SHA-256 and the checks as they were.

    Not in the outbox as a row (its bytes are no JSON): ``db.photos`` records each photo
    for the centre, which receives the content as ``bytea`` in byte-bounded batches.
    """

    __tablename__ = "dossier_photo"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    round_id: Mapped[str | None] = mapped_column(ForeignKey("reception_round.id"))
    kind: Mapped[str] = mapped_column(String(10))  # portrait | original
    media_type: Mapped[str] = mapped_column(String(30))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int]
    height: Mapped[int]
    source: Mapped[str] = mapped_column(String(10))  # camera | file
    background: Mapped[str] = mapped_column(String(10))
    checks_json: Mapped[str] = mapped_column(Text)
    override_reason: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[dt.datetime]
    officer: Mapped[str] = mapped_column(String(100))

    dossier: Mapped[Dossier] = relationship(back_populates="photos")
    round: Mapped[ReceptionRound | None] = relationship()


class KnownSerial(Base):
    """A dossier serial known to be issued already, though this store may hold no dossier
    with it: from the counter's record after a restore or a new store, or read back from
    the centre by a catch-up (``db.store_safety``). Numbering never gives one again."""

    __tablename__ = "known_serial"

    agency: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    serial: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(10))  # record | centre


class StoreSafety(Base):
    """One row: whether this store may number from the counter's offline reserve yet.

    A store restored from a backup or started anew does not know the codes issued
    after its backup (or before it); until it has the counter's record or has caught
    up with the centre, ``reserve_held`` keeps numbering to freshly leased blocks.
    """

    __tablename__ = "store_safety"
    __table_args__ = (CheckConstraint("id = 1", name="ck_store_safety_single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reserve_held: Mapped[bool] = mapped_column(default=False)
    catch_up_due: Mapped[bool] = mapped_column(default=False)
    # The outbox sequence the restored backup had reached: rows the centre holds from
    # this store with a higher origin_seq were written after the backup.
    restored_seq: Mapped[int | None]
    changed_at: Mapped[dt.datetime | None]  # the counter's clock
    caught_up_at: Mapped[dt.datetime | None]  # the counter's clock


class AuditRecord(Base):
    """One record of the audit trail (``db.audit``): who did what, where, on which ids.

    Append-only: migration 0008 refuses an UPDATE or DELETE of it, and each record holds
    the SHA-256 chaining it to the previous one of its device, so a change made around
    that refusal shows in ``motcua audit verify``. Never personal data: ids and codes.
    """

    __tablename__ = "audit_record"
    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="uq_audit_record_device_seq"),
        Index("ix_audit_record_recorded_at", "recorded_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))  # the store's sync_state.device_id
    seq: Mapped[int]  # 1, 2, … per device
    recorded_at: Mapped[dt.datetime]  # the counter's clock
    actor: Mapped[str] = mapped_column(String(100))  # the officer's login (later: id)
    action: Mapped[str] = mapped_column(String(40))  # a db.audit.AuditAction
    agency: Mapped[str | None] = mapped_column(String(40))
    point: Mapped[str | None] = mapped_column(String(300))
    counter_number: Mapped[int | None]
    subject_json: Mapped[str] = mapped_column(Text)  # the ids and codes, canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OfficerAccount(Base):
    """Who may sign in at this counter: a login, the name on the papers, the role, the
    argon2id hash of the password (never the password), and whether it must be changed.

    ``origin`` says who manages the account: ``local`` (``motcua officer …``, a standalone
    point) or ``central`` (``motcua central officer …``, brought by sync; ``central_version``
    is the centre's version of it, and a lower one never wins). Not a synced table: a
    password changed here reaches the centre as an ``officer_password_change``."""

    __tablename__ = "officer_account"
    __table_args__ = (
        CheckConstraint("role IN ('officer', 'supervisor', 'it')", name="ck_officer_account_role"),
        CheckConstraint("origin IN ('local', 'central')", name="ck_officer_account_origin"),
    )

    login: Mapped[str] = mapped_column(String(40), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)  # an argon2id PHC string
    must_change: Mapped[bool]  # set by IT: the next sign-in must choose a new password
    disabled: Mapped[bool]
    origin: Mapped[str] = mapped_column(String(10))
    central_version: Mapped[int | None] = mapped_column(BigInteger)
    changed_at: Mapped[dt.datetime]


class OfficerPasswordChange(Base):
    """An officer of the centre chose a new password at this counter: the hash goes to the
    centre, which takes it only if IT has not changed the account since
    ``based_on_version`` (a reset by IT wins). Insert-only, like the audit trail."""

    __tablename__ = "officer_password_change"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    login: Mapped[str] = mapped_column(String(40), index=True)
    password_hash: Mapped[str] = mapped_column(Text)
    based_on_version: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[dt.datetime]
