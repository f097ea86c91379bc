"""The formats a batch of card records can be written in: the adapter the issue asks for.

No public input format of the card-printing system exists (card-data.md §1): the real one is
agreed between the department and the operator. A format turns a batch (its ``BatchInfo``,
the records and their photos, the counter's key) into files under a folder and says what it
wrote; the rest of the program (which records, the states, the chain, the store) does not
change with it. The default is the signed, chained BagIt folder of ``printing.card_batch``.
Adding the agreed format is one module in ``printing/`` that writes it and one entry in
``FORMATS`` (docs/card-data.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from printing.card_batch import BatchInfo, CardRecordFile, WrittenBatch, write_batch


class BatchFormat(Protocol):
    """Writes one batch under ``parent`` as a folder named ``info.batch_id``, completely or
    not at all, signed with ``key``; returns the folder and its signature."""

    @property
    def name(self) -> str: ...

    def write(
        self,
        parent: Path,
        info: BatchInfo,
        records: Sequence[CardRecordFile],
        key: Ed25519PrivateKey,
    ) -> WrittenBatch: ...


@dataclass(frozen=True)
class BagItFolder:
    """The project's own batch: a BagIt folder (RFC 8493) with records.json, records.csv and
    the photos, its tag manifest signed with Ed25519 and chained (card-data.md §7)."""

    name: str = "bagit"

    def write(
        self,
        parent: Path,
        info: BatchInfo,
        records: Sequence[CardRecordFile],
        key: Ed25519PrivateKey,
    ) -> WrittenBatch:
        return write_batch(parent, info, records, key)


DEFAULT_FORMAT: BatchFormat = BagItFolder()
FORMATS: Mapping[str, BatchFormat] = MappingProxyType({DEFAULT_FORMAT.name: DEFAULT_FORMAT})
