"""The counter's card signing key: made once per data folder, kept in the credential store
when one answers, else in a 0600 file of the data folder; never in the store."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from keyring.backends import null

from app.card.signing_key import (
    KEY_FILE,
    SERVICE,
    SigningKeyMissing,
    ensure_signing_key,
    signing_key,
)
from app.card.states import prepare_signing
from db.card_batches import signing_keys_to_register
from db.store import STORE_FILE, Store
from printing.card_batch import public_key_from_hex
from tests.app.test_secrets import MemoryKeyring

# keyring's null backend keeps nothing: what a server without a desktop session offers.
NULL = null.Keyring()  # type: ignore[no-untyped-call]


def test_without_a_credential_store_the_key_is_a_private_file(tmp_path: Path) -> None:
    public = ensure_signing_key(tmp_path, NULL)
    file = tmp_path / KEY_FILE
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    # Made once: asked again, the same key.
    assert ensure_signing_key(tmp_path, NULL) == public
    key = signing_key(tmp_path, NULL)
    signature = key.sign(b"tagmanifest")
    public_key_from_hex(public).verify(signature, b"tagmanifest")  # raises when it differs
    assert public not in file.read_text() and len(public) == 64


def test_a_credential_store_keeps_it_and_no_file_is_written(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    public = ensure_signing_key(tmp_path, backend)
    assert not (tmp_path / KEY_FILE).exists()
    [(service, account)] = backend.kept
    assert (service, account) == (SERVICE, str(tmp_path.resolve()))
    assert ensure_signing_key(tmp_path, backend) == public
    assert ensure_signing_key(tmp_path / "other", MemoryKeyring()) != public


def test_a_locked_credential_store_falls_back_to_the_file(tmp_path: Path) -> None:
    public = ensure_signing_key(tmp_path, MemoryKeyring(refuse=True))
    assert (tmp_path / KEY_FILE).is_file()
    assert ensure_signing_key(tmp_path, NULL) == public


def test_a_missing_or_damaged_key_is_told(tmp_path: Path) -> None:
    with pytest.raises(SigningKeyMissing) as missing:
        signing_key(tmp_path, NULL)
    assert "has no key to sign card data batches" in missing.value.text("en")
    (tmp_path / KEY_FILE).write_text("not a key\n", encoding="ascii")
    with pytest.raises(SigningKeyMissing) as damaged:
        signing_key(tmp_path, NULL)
    assert "is damaged" in damaged.value.text("en")


def test_the_private_key_is_never_in_the_store(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    store.close()
    ensure_signing_key(tmp_path, NULL)
    secret = (tmp_path / KEY_FILE).read_text(encoding="ascii").strip()
    assert secret.encode("ascii") not in (tmp_path / STORE_FILE).read_bytes()


def test_set_up_keeps_the_public_half_for_the_centre(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    try:
        public = prepare_signing(store, tmp_path, dt.datetime(2026, 12, 1, 8, 0))
        # Again (the first export after set-up): the same key, kept once.
        assert prepare_signing(store, tmp_path, dt.datetime(2026, 12, 2, 8, 0)) == public
        assert signing_keys_to_register(store) == [public]
    finally:
        store.close()
    assert (tmp_path / KEY_FILE).is_file()  # no credential store on this machine
